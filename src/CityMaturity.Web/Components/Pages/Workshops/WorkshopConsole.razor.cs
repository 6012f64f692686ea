using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using CityMaturity.Web.Components.Workshops;
using CityMaturity.Web.Security;
using CityMaturity.Web.Workshops;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

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

    private AssessmentContext? _context;
    private ConsoleView? _view;
    private WorkshopSubscription? _subscription;
    private int? _openVoteCount;
    private string? _message;
    private bool _showQr = true;
    private bool _confirmEnd;
    private bool _byGroup;
    private int _timerSeconds;
    private int _decisionNow;
    private int _decisionInTwoYears;
    private string? _rationale;
    private string? _evidence;
    private string? _formFor;
    private Guid? _proposedFrom;

    private string JoinAddress => $"{Navigation.BaseUri}w/{_view!.Workshop.JoinCode}";

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _context = await Access.FindAssessmentAsync(user, Slug, AssessmentId, AssessmentPermission.Manage);
        _view = _context is null ? null : await Workshops.ConsoleAsync(AssessmentId, WorkshopId);
        if (_view is null)
        {
            Navigation.NotFound();
            return;
        }

        PrefillDecisionForm();
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
    }

    private async Task StepAsync(Func<Task<StepOutcome>> step)
    {
        var outcome = await step();
        _message = outcome.Refusal;
        _confirmEnd = false;
        await ReloadAsync();
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

    private async Task RecordAsync()
    {
        if (_decisionNow == 0 && _decisionInTwoYears == 0)
        {
            _message = "Choose the consensus level for now, in 2 years, or both — or record “no consensus”.";
            return;
        }

        await RecordAsync(Level(_decisionNow), Level(_decisionInTwoYears));
    }

    private Task RecordNoConsensusAsync() => RecordAsync(null, null);

    private async Task RecordAsync(MaturityLevel? now, MaturityLevel? inTwoYears)
    {
        var user = (await AuthenticationState).User;
        var links = (_evidence ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await StepAsync(() => Workshops.RecordDecisionAsync(AssessmentId, WorkshopId, now, inTwoYears, _rationale, links, user.UserId()));
        if (_message is null)
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
