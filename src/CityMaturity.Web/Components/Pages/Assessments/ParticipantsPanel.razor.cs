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

    [Parameter, EditorRequired] public AssessmentOverview Overview { get; set; } = default!;

    /// <summary>The page's runner: re-checks the permission, reports the result and reloads the overview.</summary>
    [Parameter, EditorRequired] public Func<Func<Task<string>>, Task> Run { get; set; } = default!;

    private string? _lastLink;
    private string? _lastLinkFor;
    private string _newName = string.Empty;
    private string _newEmail = string.Empty;
    private Guid _newGroupId;
    private string _list = string.Empty;

    protected override void OnParametersSet()
    {
        if (_newGroupId == Guid.Empty && Overview.Groups.Count > 0)
        {
            _newGroupId = Overview.Groups[0].Id;
        }
    }

    private Guid AssessmentId => Overview.Assessment.Id;

    private Task RemindAsync() => Run(async () =>
        $"Reminders with fresh links went to {await Assessments.RemindBehindAsync(AssessmentId, new Uri(Navigation.BaseUri))} participants.");

    /// <summary>The first invitation to every outside participant who has none yet, in one step.</summary>
    private Task InviteUninvitedAsync() => Run(async () =>
    {
        var count = await Assessments.InviteUninvitedAsync(AssessmentId, new Uri(Navigation.BaseUri));
        return count == 0 ? "Everyone with a link has been invited already." : $"Invitations went to {count} participants.";
    });

    private Task SendLinkAsync(Participant participant) => Run(async () =>
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

        await Run(async () =>
        {
            await Assessments.RevokeLinkAsync(AssessmentId, participant.Id);
            return $"The link of {participant.Name} no longer works.";
        });
    }

    private Task AddParticipantAsync() => Run(async () =>
    {
        var participant = await Assessments.AddParticipantAsync(AssessmentId, _newName, _newEmail, _newGroupId);
        _newName = _newEmail = string.Empty;
        return $"{participant.Name} was added.";
    });

    private Task AddListAsync() => Run(async () =>
    {
        var result = await Assessments.AddParticipantListAsync(AssessmentId, _list);
        _list = string.Empty;
        return result.Skipped.Count == 0
            ? $"{result.Added} participants were added."
            : $"{result.Added} participants were added; skipped: {string.Join(" ", result.Skipped)}";
    });

    private static string StateName(ParticipantProgressState state) => state switch
    {
        ParticipantProgressState.NotStarted => "Not started",
        ParticipantProgressState.InProgress => "In progress",
        ParticipantProgressState.Complete => "Complete",
    };
}
