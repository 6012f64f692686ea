using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using CityMaturity.Web.Components.Evidence;
using CityMaturity.Web.Components.Shared;
using CityMaturity.Web.Components.Workshops;
using CityMaturity.Web.Security;
using CityMaturity.Web.Workshops;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CityMaturity.Web.Components.Pages.Workshops;

/// <summary>
/// The facilitator's console. Every button is one <see cref="WorkshopService"/> step; the page then re-reads the
/// workshop. Other consoles' steps and the phones' votes arrive as events (<see cref="WorkshopSubscription"/>).
/// </summary>
public sealed partial class WorkshopConsole
{
    [Parameter] public string Slug { get; set; } = "";
    [Parameter] public Guid AssessmentId { get; set; }
    [Parameter] public Guid WorkshopId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private OrganisationAccess Access { get; set; } = default!;
    [Inject] private WorkshopService Workshops { get; set; } = default!;
    [Inject] private WorkshopEvents Events { get; set; } = default!;
    [Inject] private MaturityCatalogue Catalogue { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private EvidenceService EvidenceService { get; set; } = default!;
    [Inject] private CityMaturity.Application.Evidence.IIndicatorFacts IndicatorFacts { get; set; } = default!;
    [Inject] private FluentValidation.IValidator<ConsensusDraft> ConsensusRules { get; set; } = default!;

    private const string LevelField = nameof(ConsensusDraft.LevelNow);
    private const string RationaleField = nameof(ConsensusDraft.Rationale);
    private const string EvidenceField = nameof(ConsensusDraft.EvidenceLinks);

    /// <summary>0 is "none"; then the five levels.</summary>
    private static readonly int[] LevelChoices = [0, .. MaturityLevels.All.Select(level => level.Number())];

    private AssessmentContext? _context;
    private ConsoleView? _view;
    private WorkshopSubscription? _subscription;
    private int? _openVoteCount;
    private bool _showQr = true;
    private bool _byGroup;
    private int _timerSeconds;
    private int _decisionNow;
    private int _decisionInTwoYears;
    private string? _rationale;
    private string? _evidence;
    private readonly FieldErrors _errors = new();
    private bool _checkedAsNoConsensus;
    private string? _formFor;
    private IReadOnlyList<CityMaturity.Application.Evidence.EvidenceView> _evidenceItems = [];
    private IReadOnlyList<CityMaturity.Application.Evidence.IndicatorFact> _indicatorFacts = [];
    private Guid? _proposedFrom;
    private Guid? _userId;
    private string _attendeeSearch = string.Empty;

    // The rounds' rows hold no control, so on a phone the table itself takes keyboard focus to scroll sideways
    // (axe: scrollable-region-focusable), as the admin organisations table does.
    private static readonly Dictionary<string, object> RoundsTable = new() { ["aria-label"] = "Rounds on this characteristic", ["tabindex"] = "0" };
    private static readonly Dictionary<string, object> AttendeesTable = new() { ["aria-label"] = "People in the room" };

    private static string LevelText(int number) => Level(number) is { } level ? $"{number} · {level.DefaultName()}" : "— none —";

    private static string TimerText(int seconds) => seconds switch
    {
        0 => "No timer",
        < 60 => $"{seconds} s",
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds / 60.0:0.#} min"),
    };

    private static string JoinedAs(AttendeeRow attendee) => attendee.IsWalkIn ? "walk-in" : "invited";

    private bool MatchesAttendee(AttendeeRow attendee) =>
        string.IsNullOrWhiteSpace(_attendeeSearch)
        || new[] { attendee.Name, attendee.GroupName, JoinedAs(attendee) }.Any(text => text.Contains(_attendeeSearch.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A round's figure once revealed; before, the cell says so (the answers stay hidden until the reveal).</summary>
    private static string Figure(RoundView round, Func<AnswerFigures, decimal?> figure) =>
        round.Results is { } results ? ResultFormat.Figure(figure(results)) : "not revealed";

    private string JoinAddress => $"{Navigation.BaseUri}w/{_view!.Workshop.JoinCode}";

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _context = await Access.FindAssessmentAsync(user, Slug, AssessmentId, AssessmentPermission.Manage);
        _userId = user.UserId();
        _view = _context is null ? null : await Workshops.ConsoleAsync(AssessmentId, WorkshopId);
        if (_view is null)
        {
            Navigation.NotFound();
            return;
        }

        PrefillDecisionForm();
        await LoadEvidenceAsync();
        _subscription ??= new WorkshopSubscription(Events, WorkshopId, InvokeAsync, RefreshAsync);
    }

    private async Task RefreshAsync(bool full)
    {
        if (full)
        {
            await ReloadAsync();
        }
        else
        {
            _openVoteCount = await Workshops.OpenRoundVoteCountAsync(WorkshopId);
        }

        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        _view = await Workshops.ConsoleAsync(AssessmentId, WorkshopId) ?? _view;
        _openVoteCount = null;
        PrefillDecisionForm();
        await LoadEvidenceAsync();
    }

    /// <summary>The current characteristic's evidence (with who added it) and the city's indicator values, beside the decision.</summary>
    private async Task LoadEvidenceAsync()
    {
        var code = _view!.Current.Code;
        _evidenceItems = await EvidenceService.ListAsync(AssessmentId, code, namesShown: true);
        _indicatorFacts = (await IndicatorFacts.LatestForAsync(_context!.Organisation.Id, [code])).GetValueOrDefault(code) ?? [];
    }

    private async Task RemoveEvidenceAsync(EvidenceView item)
    {
        await EvidenceService.RemoveWithNoticeAsync(_context!.Assessment, item, _userId!.Value, Snackbar);
        await LoadEvidenceAsync();
    }

    /// <summary>
    /// Runs one step; a refusal is a snackbar that stays until dismissed. A step that stores something the screen does
    /// not show at once says so (<paramref name="saved"/>) — only after the service returned. Rounds and moves show
    /// themselves on the page (and the vote count is a live region): no snackbar for those.
    /// </summary>
    private async Task<bool> StepAsync(Func<Task<StepOutcome>> step, string? saved = null)
    {
        var outcome = await step();
        if (outcome.Refusal is { } refusal)
        {
            Snackbar.Add(refusal.Message, Severity.Error, options => options.RequireInteraction = true);
        }
        else if (saved is not null)
        {
            Snackbar.Add(saved, Severity.Success);
        }

        await ReloadAsync();
        return outcome.Succeeded;
    }

    private async Task EndAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("End the workshop?",
            "The room closes: phones can no longer vote. Recorded consensus stays.", yesText: "Yes, end the workshop", cancelText: "Keep going");
        if (confirmed == true)
        {
            await StepAsync(() => Workshops.ChangeStatusAsync(AssessmentId, WorkshopId, WorkshopStatus.Ended), "Workshop ended.");
        }
    }

    private async Task RemoveAttendeeAsync(AttendeeRow attendee)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove from the room?",
            $"{attendee.Name}'s phone leaves the workshop, and their votes in rounds not yet revealed are dropped. Revealed figures do not change.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed == true)
        {
            await StepAsync(() => Workshops.RemoveAttendeeAsync(AssessmentId, WorkshopId, attendee.Id), $"{attendee.Name} was removed from the room.");
        }
    }

    /// <summary>
    /// When the characteristic on screen changes, the form starts from its recorded decision, or else the latest revealed
    /// medians. While it stays on screen without a decision, each newly revealed round proposes its medians (the levels
    /// only: a rationale being written is kept).
    /// </summary>
    private void PrefillDecisionForm()
    {
        var view = _view!;
        var revealed = view.RoundsOfCurrent.LastOrDefault(r => r.Results is not null);
        if (_formFor == view.Current.Code)
        {
            if (view.CurrentDecision is null && revealed is not null && revealed.Round.Id != _proposedFrom)
            {
                ProposeLevels(revealed);
            }

            return;
        }

        _formFor = view.Current.Code;
        _errors.Reset();
        var decision = view.CurrentDecision;
        ProposeLevels(revealed);
        _decisionNow = decision?.LevelNow?.Number() ?? _decisionNow;
        _decisionInTwoYears = decision?.LevelInTwoYears?.Number() ?? _decisionInTwoYears;
        _rationale = decision?.Rationale;
        _evidence = decision is null ? null : string.Join('\n', decision.EvidenceLinks);
    }

    private void ProposeLevels(RoundView? revealed)
    {
        _proposedFrom = revealed?.Round.Id;
        _decisionNow = WholeLevel(revealed?.Results?.Now.Median);
        _decisionInTwoYears = WholeLevel(revealed?.Results?.InTwoYears.Median);
    }

    /// <summary>A median that is a whole level proposes itself; a half level (2.5) is left for the room to settle.</summary>
    private static int WholeLevel(decimal? median) => median is { } m && m == Math.Floor(m) ? (int)m : 0;

    private ConsensusDraft Draft(bool noConsensus) => new(
        noConsensus ? null : Level(_decisionNow), noConsensus ? null : Level(_decisionInTwoYears), _rationale,
        (_evidence ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), noConsensus);

    /// <summary>After a refused submit, each change re-checks the form as it was submitted (a consensus, or "no consensus").</summary>
    private void Recheck() => _errors.Recheck(ConsensusRules, Draft(_checkedAsNoConsensus));

    private Task RecordAsync() => RecordAsync(noConsensus: false);

    private Task RecordNoConsensusAsync() => RecordAsync(noConsensus: true);

    private async Task RecordAsync(bool noConsensus)
    {
        _checkedAsNoConsensus = noConsensus;
        var draft = Draft(noConsensus);
        if (!_errors.Check(ConsensusRules, draft))
        {
            return;
        }

        var (now, inTwoYears, links) = (draft.LevelNow, draft.LevelInTwoYears, draft.EvidenceLinks);
        var user = (await AuthenticationState).User;
        var code = _view!.Current.Code;
        var saved = now is null && inTwoYears is null ? $"“No consensus” on {code} saved." : $"Consensus on {code} saved.";
        if (await StepAsync(() => Workshops.RecordDecisionAsync(AssessmentId, WorkshopId, now, inTwoYears, draft.Rationale, links, user.UserId()), saved))
        {
            // Recorded: the form shows the decision as stored. A refusal leaves the form as the facilitator filled it.
            _formFor = null;
            PrefillDecisionForm();
        }
    }

    private static MaturityLevel? Level(int number) => MaturityLevels.TryFromNumber(number, out var level) ? level : null;

    private static string StatusText(WorkshopStatus status) => status switch
    {
        WorkshopStatus.Running => "Running",
        WorkshopStatus.Paused => "Paused",
        WorkshopStatus.Ended => "Ended",
    };

    public void Dispose() => _subscription?.Dispose();
}
