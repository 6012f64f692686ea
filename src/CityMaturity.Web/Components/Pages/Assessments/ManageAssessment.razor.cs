using System.Security.Claims;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Components.Evidence;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Web.Components.Pages.Assessments;

public partial class ManageAssessment
{
    [Inject] private OrganisationAccess Access { get; set; } = default!;
    [Inject] private AssessmentService Assessments { get; set; } = default!;
    [Inject] private MaturityCatalogue Catalogue { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private RatingImportService RatingImport { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private EvidenceService EvidenceService { get; set; } = default!;
    [Inject] private ParticipantGrid ParticipantGrid { get; set; } = default!;

    [Parameter] public string Slug { get; set; } = string.Empty;
    [Parameter] public Guid AssessmentId { get; set; }

    /// <summary>Opens a tab by name (<c>?tab=history</c>), so a section can be linked to and survives a reload.</summary>
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    // In the order of the page's MudTabPanels.
    private static readonly string[] TabNames = ["participants", "groups", "targets", "ratings-csv", "evidence", "history", "benchmarking"];
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private ClaimsPrincipal _user = new();
    private AssessmentContext? _context;
    private AssessmentSetup? _overview;
    private IReadOnlyList<RatingChange> _history = [];
    private int _historyTotal;
    private int _tab;
    private IReadOnlyList<HistoryRow> _historyRows = [];
    private IReadOnlyList<EvidenceView> _evidence = [];
    private IReadOnlyDictionary<string, Domain.Workshops.ConsensusDecision> _decisions = new Dictionary<string, Domain.Workshops.ConsensusDecision>();
    private string _historySearch = string.Empty;

    private static readonly Dictionary<string, object> HistoryTableAttributes = new() { ["aria-label"] = "History of rating changes" };

    /// <summary>One line of the history as the grid shows it: sortable, searchable text.</summary>
    private sealed record HistoryRow(string When, string Participant, string Characteristic, string LevelNow, string InTwoYears, string Comment, string Through);
    private string _newGroup = string.Empty;
    private IReadOnlyList<string> _importProblems = [];
    private MudFileUpload<Microsoft.AspNetCore.Components.Forms.IBrowserFile>? _ratingsUpload;
    private IReadOnlyList<AssessmentService.AssessmentRoleView> _roles = [];
    private string _roleEmail = string.Empty;
    private AssessmentRoleKind _roleKind = AssessmentRoleKind.Observer;

    private static string RoleName(AssessmentRoleKind kind) => kind == AssessmentRoleKind.Facilitator ? "Facilitator" : "Observer";

    private string MethodName => Catalogue.AssessmentMethods.First(m => m.Key == _overview!.Assessment.Method.Key()).Name;
    private string PurposeName => Catalogue.PdcaStages.First(s => s.Key == _overview!.Assessment.Purpose).Name;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        // The assessment and the user's standing on it in one statement; its row serves the overview below too.
        _context = (await Access.FindAssessmentStandingAsync(_user, Slug, AssessmentId, AssessmentPermission.Manage))?.Context;
        if (_context is null)
        {
            Navigation.NotFound();
            return;
        }

        if (Array.IndexOf(TabNames, Tab) is var index and >= 0)
        {
            _tab = index;
        }

        await ReloadAsync(_context.Assessment);
    }

    /// <summary>Everything the page shows, read again (after an action: the assessment's row too, unless just read).</summary>
    private async Task ReloadAsync(Assessment? justRead = null)
    {
        // Independent reads, each on a context of its own (pooled, ADR 0064): their round trips to PostgreSQL overlap
        // instead of queueing one behind the other.
        var overview = Assessments.SetupAsync(AssessmentId, justRead);
        var history = HistoryWithNamesAsync();
        var roles = Assessments.RolesAsync(AssessmentId);
        var evidence = EvidenceService.ListAsync(AssessmentId, namesShown: true);
        var decisions = EvidenceService.LatestDecisionsAsync(AssessmentId);
        await Task.WhenAll(overview, history, roles, evidence, decisions);
        _overview = await overview;
        _roles = await roles;
        _evidence = await evidence;
        _decisions = await decisions;
        (_history, _historyTotal, var names) = await history;
        _historyRows = [.. _history.Select(change => new HistoryRow(
            change.ChangedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            names.GetValueOrDefault(change.ParticipantId, "(removed)"),
            change.CharacteristicCode,
            Transition(change.OldLevelNow, change.NewLevelNow),
            Transition(change.OldLevelInTwoYears, change.NewLevelInTwoYears),
            change.OldComment == change.NewComment ? "" : "changed",
            change.Source == RatingChangeSource.Import ? "import" : "rating form"))];
    }

    /// <summary>The latest changes, their total, and the names of the people in them (at most 200), not of every participant.</summary>
    private async Task<(IReadOnlyList<RatingChange> Latest, int Total, IReadOnlyDictionary<Guid, string> Names)> HistoryWithNamesAsync()
    {
        var (latest, total) = await Assessments.HistoryAsync(AssessmentId);
        return (latest, total, await Assessments.ParticipantNamesAsync(AssessmentId, latest.Select(change => change.ParticipantId)));
    }

    /// <summary>
    /// A page of the participants grid, for its facilitator only: the permission is checked again for every page asked
    /// for over the live connection (as for every action; the first render's page comes in the request that just
    /// checked it), and the query is bound to the page's organisation as well as the assessment.
    /// </summary>
    private async Task<ParticipantPage> LoadParticipantsAsync(ParticipantPageRequest request, CancellationToken cancellationToken)
    {
        if (_context is null
            || (RendererInfo.IsInteractive && !await Access.IsAllowedAsync(_user, _context.Organisation.Id, AssessmentId, AssessmentPermission.Manage)))
        {
            return ParticipantPage.Empty;
        }

        return await ParticipantGrid.PageAsync(_context.Organisation.Id, AssessmentId, request, cancellationToken);
    }

    private async Task ReloadEvidenceAsync() => _evidence = await EvidenceService.ListAsync(AssessmentId, namesShown: true);

    private async Task RemoveEvidenceAsync(EvidenceView item)
    {
        await EvidenceService.RemoveWithNoticeAsync(_overview!.Assessment, item, _user.UserId()!.Value, Snackbar);
        await ReloadEvidenceAsync();
    }

    private bool MatchesHistorySearch(HistoryRow row) =>
        string.IsNullOrWhiteSpace(_historySearch)
        || new[] { row.When, row.Participant, row.Characteristic, row.LevelNow, row.InTwoYears, row.Comment, row.Through }
            .Any(text => text.Contains(_historySearch.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every action re-checks the permission, so a facilitator removed meanwhile is stopped at once. The result is
    /// a snackbar (announced: MudBlazor's snackbars are live regions), an error stays until dismissed.
    /// </summary>
    private async Task RunAsync(Func<Task<string>> action)
    {
        if (_context is null || !await Access.IsAllowedAsync(_user, _context.Organisation.Id, AssessmentId, AssessmentPermission.Manage))
        {
            Snackbar.Add("You may no longer manage this assessment.", Severity.Error, o => o.RequireInteraction = true);
            return;
        }

        try
        {
            Snackbar.Add(await action(), Severity.Success);
        }
        catch (ValidationException e)
        {
            Snackbar.Add(e.Message, Severity.Error, o => o.RequireInteraction = true);
        }

        await ReloadAsync();
    }

    /// <summary>Asks before a step that cannot simply be undone; true when the user confirms.</summary>
    private async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;

    private async Task MoveToAsync(AssessmentStatus status)
    {
        var question = status switch
        {
            AssessmentStatus.Closed => ("Close the assessment?", "Participants can no longer change their answers; the results stay. You can open it again later.", "Close the assessment"),
            AssessmentStatus.Archived => ("Archive the assessment?", "An archived assessment is read-only and no longer listed among the active ones.", "Archive"),
            _ => default((string, string, string)?),
        };
        if (question is var (title, message, yes) && !await ConfirmAsync(title, message, yes))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Assessments.MoveToAsync(AssessmentId, status);
            return $"The assessment is now {status.DisplayName().ToLowerInvariant()}.";
        });
    }

    private Task AddGroupAsync() => RunAsync(async () =>
    {
        await Assessments.AddGroupAsync(AssessmentId, _newGroup);
        var added = _newGroup;
        _newGroup = string.Empty;
        return $"The group “{added}” was added.";
    });

    private Task RenameGroupAsync(StakeholderGroup group, string? name) => RunAsync(async () =>
    {
        await Assessments.RenameGroupAsync(AssessmentId, group.Id, name ?? string.Empty);
        return $"The group is now called “{name?.Trim()}”.";
    });

    private async Task RemoveGroupAsync(StakeholderGroup group)
    {
        if (!await ConfirmAsync("Remove the group?", $"The stakeholder group “{group.Name}” is removed from this assessment.", "Remove the group"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Assessments.RemoveGroupAsync(AssessmentId, group.Id);
            return $"The group “{group.Name}” was removed.";
        });
    }

    private Task AssignRoleAsync() => RunAsync(async () =>
    {
        await Assessments.AssignRoleAsync(AssessmentId, _roleEmail, _roleKind);
        var email = _roleEmail;
        _roleEmail = string.Empty;
        return $"{email} is now {(_roleKind == AssessmentRoleKind.Facilitator ? "a facilitator" : "an observer")} of this assessment.";
    });

    private async Task RemoveRoleAsync(AssessmentService.AssessmentRoleView role)
    {
        if (!await ConfirmAsync("Remove the role?", $"{role.DisplayName} loses their role in this assessment at once.", "Remove the role"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            await Assessments.RemoveRoleAsync(AssessmentId, role.UserId);
            return $"{role.DisplayName} no longer has a role in this assessment.";
        });
    }

    private Task SetTargetAsync(string code, int number) => RunAsync(async () =>
    {
        MaturityLevel? level = MaturityLevels.TryFromNumber(number, out var parsed) ? parsed : null;
        await Assessments.SetTargetAsync(AssessmentId, code, level);
        return level is null ? $"No target for {code}." : $"Target for {code}: level {number}.";
    });

    private Task ImportAsync(Microsoft.AspNetCore.Components.Forms.InputFileChangeEventArgs e) => RunAsync(async () =>
    {
        // One byte over the limit lets the parser say "too large" instead of the upload failing silently.
        using var buffer = new MemoryStream();
        try
        {
            await using var upload = e.File.OpenReadStream(RatingsCsv.DefaultMaxBytes + 1);
            await upload.CopyToAsync(buffer);
        }
        catch (IOException)
        {
            throw new ValidationException($"{e.File.Name} is larger than 5 MB: nothing was imported.");
        }

        buffer.Position = 0;
        var result = await RatingImport.ImportAsync(AssessmentId, buffer, _user.UserId());
        _importProblems = [.. result.Problems.Select(p => p.ToString())];
        // The same file, corrected, can be chosen again (an unchanged input would not report it).
        if (_ratingsUpload is not null)
        {
            await _ratingsUpload.ClearAsync();
        }

        return result.Succeeded
            ? $"Imported {e.File.Name}: {result.ParticipantsCreated} participants added, {result.RatingsCreated} ratings added, {result.RatingsChanged} changed, {result.RatingsUnchanged} unchanged."
            : throw new ValidationException(result.Refusal!);
    });

    private static string Transition(LevelAnswer before, LevelAnswer after) =>
        before == after ? Show(after) : $"{Show(before)} → {Show(after)}";

    private static string Show(LevelAnswer answer) => answer.Kind switch
    {
        AnswerKind.Unanswered => "–",
        AnswerKind.DontKnow => "don't know",
        AnswerKind.Level => answer.Code,
    };

    private static string StatusAction(AssessmentStatus status) => status switch
    {
        AssessmentStatus.Open => "Open for rating",
        AssessmentStatus.Closed => "Close the assessment",
        AssessmentStatus.Archived => "Archive",
        AssessmentStatus.Draft => "Back to draft",
    };
}
