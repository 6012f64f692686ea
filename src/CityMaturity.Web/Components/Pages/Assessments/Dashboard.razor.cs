using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Components.Results;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CityMaturity.Web.Components.Pages.Assessments;

/// <summary>
/// An assessment's results for those who may read them (<see cref="AssessmentPermission.ViewResults"/>). Every figure
/// comes from <see cref="AssessmentSummaryService"/>; this page only chooses what to show. An open assessment's
/// dashboard follows new answers live, at most once a second.
/// </summary>
public sealed partial class Dashboard
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    [Parameter] public string Slug { get; set; } = string.Empty;
    [Parameter] public Guid AssessmentId { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private OrganisationAccess Access { get; set; } = default!;
    [Inject] private AssessmentSummaryService Summaries { get; set; } = default!;
    [Inject] private AssessmentResultsService Results { get; set; } = default!;
    [Inject] private AssessmentChangeNotifier Changes { get; set; } = default!;
    [Inject] private MaturityCatalogue Catalogue { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private EvidenceService EvidenceService { get; set; } = default!;
    [Inject] private BenchmarkService Benchmarks { get; set; } = default!;

    private AssessmentContext? _context;
    private bool _canManage;
    private Guid? _userId;
    private IReadOnlyList<Domain.Benchmarking.BenchmarkNetwork> _sharedWith = [];
    private AssessmentSummary? _all;
    private AssessmentSummary? _view;
    private int _participantCount;
    private Guid? _groupId;
    private bool _radarBySubDimension;
    private string? _answersCode;
    private IReadOnlyList<IndividualAnswer> _answers = [];
    private IReadOnlyList<Domain.Workshops.ConsensusDecision> _decisions = [];
    private IReadOnlyDictionary<string, Domain.Workshops.ConsensusDecision> _latestDecisions = new Dictionary<string, Domain.Workshops.ConsensusDecision>();
    private DateTimeOffset _refreshedAt;
    private IReadOnlyDictionary<string, int> _evidenceCounts = new Dictionary<string, int>();
    private int _refreshPending;
    private bool _subscribed;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        var standing = await Access.FindAssessmentStandingAsync(user, Slug, AssessmentId, AssessmentPermission.ViewResults);
        if (standing is null)
        {
            _context = null;
            Navigation.NotFound();
            return;
        }

        _context = standing.Context;
        _canManage = standing.Allows(AssessmentPermission.Manage);
        _userId = user.UserId();
        // Independent reads, each on a DbContext of its own: their round trips to PostgreSQL overlap.
        var sharedWith = _userId is { } userId ? Benchmarks.NetworksSharingAsync(AssessmentId, userId) : Task.FromResult<IReadOnlyList<Domain.Benchmarking.BenchmarkNetwork>>([]);
        var figures = LoadFiguresAsync();
        await Task.WhenAll(sharedWith, figures);
        _sharedWith = await sharedWith;
        await LoadAnswersAsync();
        if (!_subscribed)
        {
            Changes.Changed += OnAssessmentChanged;
            _subscribed = true;
        }
    }

    private async Task LoadAsync()
    {
        await LoadFiguresAsync();
        await LoadAnswersAsync();
    }

    /// <summary>The summary (of the chosen group too) and the evidence counts, read side by side.</summary>
    private async Task LoadFiguresAsync()
    {
        // The page's access check has just read the assessment's row (the page shows it): the summary takes it from there.
        var assessment = _context!.Assessment;
        var all = Summaries.SummariseAsync(assessment);
        var group = _groupId is { } groupId ? Summaries.SummariseAsync(assessment, groupId) : null;
        var evidenceCounts = EvidenceService.CountsAsync(AssessmentId);
        await Task.WhenAll(all, group ?? all, evidenceCounts);
        var summarised = await all;
        _all = summarised.Summary;
        _participantCount = summarised.Participants.Count;
        _view = group is null ? _all : (await group).Summary;
        _latestDecisions = summarised.Decisions;
        _decisions = [.. Catalogue.Characteristics.Where(c => summarised.Decisions.ContainsKey(c.Code)).Select(c => summarised.Decisions[c.Code])];
        _evidenceCounts = await evidenceCounts;
        _refreshedAt = Clock.GetUtcNow();
    }

    /// <summary>The open "Answers to …" table, if any; whether names show depends on <see cref="_canManage"/>.</summary>
    private async Task LoadAnswersAsync()
    {
        if (_answersCode is { } code)
        {
            _answers = await Results.AnswersToAsync(AssessmentId, code, _canManage);
        }
    }

    private async Task FilterAsync(string? value)
    {
        _groupId = Guid.TryParse(value, out var id) && _all!.Groups.Any(g => g.Id == id) ? id : null;
        await LoadAsync();
    }

    /// <summary>The filter's text: "All stakeholder groups" or "Citizens only".</summary>
    private string GroupText(string? value) =>
        _all?.Groups.FirstOrDefault(g => g.Id.ToString() == value) is { } group ? $"{group.Name} only" : "All stakeholder groups";

    private async Task ReloadEvidenceAsync() => _evidenceCounts = await EvidenceService.CountsAsync(AssessmentId);

    private async Task ShowAnswersAsync(string code)
    {
        _answersCode = code;
        _answers = await Results.AnswersToAsync(AssessmentId, code, _canManage);
    }

    /// <summary>Raised on the saving request's thread: coalesce bursts, then re-query on the circuit's own context.</summary>
    private void OnAssessmentChanged(Guid assessmentId)
    {
        if ((assessmentId != AssessmentId && assessmentId != Guid.Empty) || Interlocked.Exchange(ref _refreshPending, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                var wait = _refreshedAt + RefreshInterval - Clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                Volatile.Write(ref _refreshPending, 0);
                await LoadAsync();
                StateHasChanged();
            }
            catch (ObjectDisposedException)
            {
                // The visitor left while the refresh waited.
            }
        });
    }

    private IReadOnlyList<RadarAxis> RadarAxes(AssessmentSummary summary) => _radarBySubDimension
        ? [.. summary.SubDimensions.Select(s => new RadarAxis(s.Code, Catalogue.GetSubDimension(s.Code).Title, s.Now.Score, s.InTwoYears.Score, null))]
        : [.. summary.Characteristics.Select(c => new RadarAxis(c.Code, Catalogue.GetCharacteristic(c.Code).Title, c.Now.Score, c.InTwoYears.Score, c.Target?.Number()))];

    private static string AnswerText(LevelAnswer answer) => answer.Kind switch
    {
        AnswerKind.Level => answer.Code,
        AnswerKind.DontKnow => "don't know",
        AnswerKind.Unanswered => "–",
    };

    public void Dispose()
    {
        if (_subscribed)
        {
            Changes.Changed -= OnAssessmentChanged;
        }
    }
}
