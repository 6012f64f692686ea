using CityMaturity.Domain.Assessments;
using CityMaturity.Web.Assessments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CityMaturity.Web.Components.Pages.Assessments;

public partial class ParticipantsPanel
{
    [Inject] private AssessmentService Assessments { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public AssessmentSetup Setup { get; set; } = default!;

    /// <summary>One page of participants; the page checks the permission and binds the query to its organisation.</summary>
    [Parameter, EditorRequired] public Func<ParticipantPageRequest, CancellationToken, Task<ParticipantPage>> LoadPage { get; set; } = default!;

    /// <summary>
    /// The page's runner: re-checks the permission, reports the result and reloads the overview. An event callback, so
    /// the page re-renders afterwards and this panel gets the reloaded overview (a plain delegate re-rendered only the panel,
    /// which kept showing the old one).
    /// </summary>
    [Parameter, EditorRequired] public EventCallback<Func<Task<string>>> Run { get; set; }

    private string? _lastLink;
    private string? _lastLinkFor;
    private string _newName = string.Empty;
    private string _newEmail = string.Empty;
    private Guid _newGroupId;
    private string _list = string.Empty;

    private string GroupName(Guid id) => Setup.Groups.FirstOrDefault(g => g.Id == id)?.Name ?? string.Empty;
    private MudDataGrid<ParticipantRow>? _grid;
    private Func<GridState<ParticipantRow>, CancellationToken, Task<GridData<ParticipantRow>>>? _serverData;
    private IReadOnlyList<ParticipantRow>? _firstPage;
    private int _firstPageTotal;
    private AssessmentSetup? _shown;
    private Task<ParticipantPage>? _firstPageRead;
    private AssessmentSetup? _firstPageFor;
    private string _search = string.Empty;
    private string _stateFilter = AllStates;

    private const string AllStates = "all";

    private static readonly Dictionary<string, object> TableAttributes = new() { ["aria-label"] = "Participants" };

    /// <summary>One participant as the grid shows it: sortable values, with the progress row behind it for the actions.</summary>
    private sealed record ParticipantRow(
        ParticipantProgress Source, string Name, string Email, string Group, int AnswersGiven, int AnswersAsked, int Complete, int Total,
        int StateOrder, string StateKey, string StateName, DateTimeOffset? LastActivity, string Reminders);

    /// <summary>What each column sorts by in the query, by the column's property.</summary>
    private static readonly Dictionary<string, ParticipantSort> SortOf = new(StringComparer.Ordinal)
    {
        [nameof(ParticipantRow.Name)] = ParticipantSort.Name,
        [nameof(ParticipantRow.Email)] = ParticipantSort.Email,
        [nameof(ParticipantRow.Group)] = ParticipantSort.Group,
        [nameof(ParticipantRow.AnswersGiven)] = ParticipantSort.AnswersGiven,
        [nameof(ParticipantRow.Complete)] = ParticipantSort.Complete,
        [nameof(ParticipantRow.StateOrder)] = ParticipantSort.State,
        [nameof(ParticipantRow.LastActivity)] = ParticipantSort.LastActivity,
        [nameof(ParticipantRow.Reminders)] = ParticipantSort.Reminders,
    };

    protected override async Task OnParametersSetAsync()
    {
        if (_newGroupId == Guid.Empty && Setup.Groups.Count > 0)
        {
            _newGroupId = Setup.Groups[0].Id;
        }

        if (!RendererInfo.IsInteractive)
        {
            // The server's first render (and a browser without scripts): the first page by name, as the grid opens. Read
            // once per overview: the tabs render their panels again as soon as they know them, which sets these
            // parameters again, with the same overview, while the first read is still under way (it was read twice, five
            // statements each).
            if (_firstPageRead is null || !ReferenceEquals(_firstPageFor, Setup))
            {
                _firstPageFor = Setup;
                _firstPageRead = LoadPage(ParticipantPageRequest.First, CancellationToken.None);
            }

            var first = await _firstPageRead;
            _firstPage = Rows(first);
            _firstPageTotal = first.Total;
            return;
        }

        _serverData ??= LoadAsync;
        if (_shown is not null && !ReferenceEquals(_shown, Setup) && _grid is not null)
        {
            // The page reloaded after an action (a link sent, people added): the page shown again, from the database.
            await _grid.ReloadServerData();
        }

        _shown = Setup;
    }

    private async Task<GridData<ParticipantRow>> LoadAsync(GridState<ParticipantRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await LoadPage(new ParticipantPageRequest(
            state.Page, state.PageSize, _search,
            Enum.GetValues<ParticipantProgressState>().Where(s => ParticipantStates.Key(s) == _stateFilter).Select(s => (ParticipantProgressState?)s).FirstOrDefault(),
            sort is not null && SortOf.TryGetValue(sort.SortBy, out var column) ? column : ParticipantSort.Name,
            sort?.Descending ?? false), cancellationToken);
        return new GridData<ParticipantRow> { Items = Rows(page), TotalItems = page.Total };
    }

    /// <summary>A new search or state: from the first page.</summary>
    private async Task SearchAgainAsync()
    {
        if (_grid is null)
        {
            return;
        }

        if (_grid.CurrentPage == 0)
        {
            await _grid.ReloadServerData();
        }
        else
        {
            // Changing the page has the grid load it.
            await InvokeAsync(() => _grid.NavigateTo(Page.First));
        }
    }

    private IReadOnlyList<ParticipantRow> Rows(ParticipantPage page)
    {
        var now = Clock.GetUtcNow();
        return [.. page.Rows.Select(p => new ParticipantRow(
            p, p.Participant.Name, p.Participant.Email, p.GroupName, p.AnswersGiven, p.AnswersAsked, p.Answered, p.Total,
            (int)p.State, ParticipantStates.Key(p.State), ParticipantStates.Name(p.State), p.LastAnswerAt, ReminderStatus.Describe(Setup.Assessment, p, now)))];
    }

    private static string RowClass(ParticipantRow row, int index) => $"participant-{row.StateKey}";

    /// <summary>Why scheduled reminders will or will not go out for this assessment, in one sentence.</summary>
    private string RemindersExplained => Setup.Assessment switch
    {
        { RemindersEnabled: false } => "Off: nobody gets a scheduled reminder. You can still remind people by hand.",
        { Deadline: null } => "The assessment has no deadline, so no reminder is scheduled.",
        { AcceptsRatings: false } => "Reminders go out only while the assessment is open.",
        { Deadline: { } deadline } =>
            $"On: participants not finished get a reminder from {Day(ReminderSchedule.DueFrom(deadline, 7))} and from {Day(ReminderSchedule.DueFrom(deadline, 2))} (UTC), once each, with what is left to do.",
    };

    private static string Day(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task SetRemindersAsync(bool enabled) => Run.InvokeAsync(async () =>
    {
        await Assessments.SetRemindersAsync(AssessmentId, enabled);
        return enabled ? "Scheduled reminders are on." : "Scheduled reminders are off for this assessment.";
    });

    private Guid AssessmentId => Setup.Assessment.Id;

    private Task RemindAsync() => Run.InvokeAsync(async () =>
        $"Reminders with fresh links went to {await Assessments.RemindBehindAsync(AssessmentId, new Uri(Navigation.BaseUri))} participants.");

    /// <summary>The first invitation to every outside participant who has none yet, in one step.</summary>
    private Task InviteUninvitedAsync() => Run.InvokeAsync(async () =>
    {
        var count = await Assessments.InviteUninvitedAsync(AssessmentId, new Uri(Navigation.BaseUri));
        return count == 0 ? "Everyone with a link has been invited already." : $"Invitations went to {count} participants.";
    });

    private Task SendLinkAsync(Participant participant) => Run.InvokeAsync(async () =>
    {
        _lastLink = await Assessments.SendLinkAsync(AssessmentId, participant.Id, new Uri(Navigation.BaseUri), reminder: participant.InvitedAt is not null);
        _lastLinkFor = participant.Name;
        return $"A personal link was sent to {participant.Email}.";
    });

    private async Task RevokeLinkAsync(Participant participant)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Withdraw the link?",
            $"The personal link of {participant.Name} stops working at once. Their answers are kept; send a new link to let them go on.",
            yesText: "Withdraw link", cancelText: "Keep the link");
        if (confirmed != true)
        {
            return;
        }

        await Run.InvokeAsync(async () =>
        {
            await Assessments.RevokeLinkAsync(AssessmentId, participant.Id);
            return $"The link of {participant.Name} no longer works.";
        });
    }

    private Task AddParticipantAsync() => Run.InvokeAsync(async () =>
    {
        var participant = await Assessments.AddParticipantAsync(AssessmentId, _newName, _newEmail, _newGroupId);
        _newName = _newEmail = string.Empty;
        return $"{participant.Name} was added.";
    });

    private Task AddListAsync() => Run.InvokeAsync(async () =>
    {
        var result = await Assessments.AddParticipantListAsync(AssessmentId, _list);
        _list = string.Empty;
        return result.Skipped.Count == 0
            ? $"{result.Added} participants were added."
            : $"{result.Added} participants were added; skipped: {string.Join(" ", result.Skipped)}";
    });
}
