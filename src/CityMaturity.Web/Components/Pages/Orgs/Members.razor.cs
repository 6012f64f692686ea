using System.Security.Claims;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using CityMaturity.Web.Components.Shared;
using MudBlazor;

namespace CityMaturity.Web.Components.Pages.Orgs;

public partial class Members
{
    [Parameter] public string Slug { get; set; } = string.Empty;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private FluentValidation.IValidator<NewInvitation> InvitationRules { get; set; } = default!;

    private const string EmailField = nameof(NewInvitation.Email);

    private Organisation? _organisation;
    private ClaimsPrincipal _user = new();
    private IReadOnlyList<MemberView> _members = [];
    private IReadOnlyList<InvitationView> _invitations = [];
    private string _inviteEmail = string.Empty;
    private OrganisationRole _inviteRole = OrganisationRole.Member;

    /// <summary>Keys the role selects: each reload makes them anew, so a refused change shows the stored role again.</summary>
    private int _loads;
    private string? _lastLink;
    private readonly FieldErrors _inviteErrors = new();
    private string _memberSearch = string.Empty;

    private static readonly Dictionary<string, object> MembersTable = new() { ["aria-label"] = "Members" };
    private static readonly Dictionary<string, object> InvitationsTable = new() { ["aria-label"] = "Open invitations" };

    private bool MatchesMember(MemberView member) =>
        string.IsNullOrWhiteSpace(_memberSearch)
        || new[] { member.DisplayName, member.Email, member.Role.DisplayName() }
            .Any(text => text.Contains(_memberSearch.Trim(), StringComparison.OrdinalIgnoreCase));

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _organisation = await Access.FindAsync(_user, Slug, Permission.ManageMembers);
        if (_organisation is null)
        {
            Navigation.NotFound();
            return;
        }

        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _loads++;
        _members = await Organisations.MembersAsync(_organisation!.Id);
        _invitations = await Organisations.OpenInvitationsAsync(_organisation.Id);
    }

    /// <summary>Every action re-checks the permission: a role revoked meanwhile takes effect at once.</summary>
    private async Task RunAsync(Func<Organisation, Task<string?>> action)
    {
        if (_organisation is null || !await Access.IsAllowedAsync(_user, _organisation.Id, Permission.ManageMembers))
        {
            Show("You may no longer manage the members of this organisation.", error: true);
            return;
        }

        try
        {
            if (await action(_organisation) is { } result)
            {
                Show(result, error: false);
            }
        }
        catch (ValidationException e)
        {
            Show(e.Message, error: true);
        }

        await ReloadAsync();
    }

    private void RecheckInvitation() => _inviteErrors.Recheck(InvitationRules, new NewInvitation(_inviteEmail, _inviteRole));

    private async Task InviteAsync()
    {
        if (!_inviteErrors.Check(InvitationRules, new NewInvitation(_inviteEmail, _inviteRole)))
        {
            return;
        }

        await RunAsync(async organisation =>
        {
            try
            {
                var link = await Organisations.InviteAsync(organisation, _inviteEmail, _inviteRole, _user.UserId(), new Uri(Navigation.BaseUri));
                _lastLink = link.Url;
                var invited = _inviteEmail.Trim();
                _inviteEmail = string.Empty;
                _inviteErrors.Reset();
                return $"Invitation for {invited} saved; its email is in the outbox.";
            }
            catch (ValidationException e)
            {
                // The address was refused (already a member): the message goes under the field, not into a snackbar.
                _inviteErrors.Refuse(EmailField, e.Message);
                return null;
            }
        });
    }

    private Task ResendAsync(InvitationView invitation) => RunAsync(async Task<string?> (organisation) =>
    {
        var link = await Organisations.InviteAsync(organisation, invitation.Email, invitation.Role, _user.UserId(), new Uri(Navigation.BaseUri));
        _lastLink = link.Url;
        return $"A new invitation for {invitation.Email} is saved and its email is in the outbox; the earlier link no longer works.";
    });

    private async Task RevokeAsync(InvitationView invitation)
    {
        if (!await ConfirmAsync("Withdraw the invitation?", $"The invitation link sent to {invitation.Email} stops working.", "Withdraw"))
        {
            return;
        }

        await RunAsync(async Task<string?> (organisation) =>
        {
            await Organisations.RevokeInvitationAsync(organisation.Id, invitation.Id);
            return $"The invitation to {invitation.Email} was withdrawn.";
        });
    }

    private static string RoleText(OrganisationRole role) => role.DisplayName();

    private Task ChangeRoleAsync(MemberView member, OrganisationRole role) => RunAsync(async Task<string?> (organisation) =>
    {
        await Organisations.ChangeRoleAsync(organisation.Id, member.UserId, role);
        return $"{member.DisplayName} is now {role.DisplayName().ToLowerInvariant()}.";
    });

    private async Task RemoveAsync(MemberView member)
    {
        if (!await ConfirmAsync("Remove the member?", $"{member.DisplayName} loses access to {_organisation?.Name} and its assessments at once.", "Remove"))
        {
            return;
        }

        await RunAsync(async Task<string?> (organisation) =>
        {
            await Organisations.RemoveMemberAsync(organisation.Id, member.UserId);
            return $"{member.DisplayName} was removed from {organisation.Name}.";
        });
    }

    private async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;

    // Results as snackbars (MudBlazor announces them); an error stays until dismissed.
    private void Show(string message, bool error) =>
        Snackbar.Add(message, error ? Severity.Error : Severity.Success, options => options.RequireInteraction = error);
}
