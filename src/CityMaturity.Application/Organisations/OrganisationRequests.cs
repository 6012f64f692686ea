using CityMaturity.Domain;
using CityMaturity.Domain.Organisations;
using FluentValidation;

namespace CityMaturity.Application.Organisations;

/// <summary>An invitation to send: the address as typed and the role the person will have.</summary>
public sealed record NewInvitation(string Email, OrganisationRole Role);

/// <summary>A new organisation and the address of its first administrator (the administration page asks for both).</summary>
public sealed record NewOrganisation(string Name, OrganisationKind Kind, string AdministratorEmail);

/// <summary>The invitation rules, used by <see cref="OrganisationService.InviteAsync"/> and by the forms that invite.</summary>
public sealed class NewInvitationValidator : AbstractValidator<NewInvitation>
{
    public NewInvitationValidator()
    {
        RuleFor(i => i.Email).AnEmailAddress();
        RuleFor(i => i.Role).IsInEnum().WithMessage("Choose the role the person will have.");
    }
}

/// <summary>
/// The organisation rules, used by <see cref="OrganisationService.CreateOrganisationAsync"/> (name and kind) and by the
/// administration page, which also checks the first administrator's address before it saves anything.
/// </summary>
public sealed class NewOrganisationValidator : AbstractValidator<NewOrganisation>
{
    public const int MaxNameLength = 200;

    public NewOrganisationValidator()
    {
        RuleFor(o => o.Name).Must(name => name.Trim().Length is > 0 and <= MaxNameLength)
            .WithMessage($"The organisation's name must have 1 to {MaxNameLength} characters.");
        RuleFor(o => o.Kind).IsInEnum().WithMessage("Choose the kind of organisation.");
        RuleFor(o => o.AdministratorEmail).AnEmailAddress();
    }
}

public static class EmailRules
{
    /// <summary>The one email rule (<see cref="EmailAddresses"/>) with the one sentence for an address it refuses.</summary>
    public static IRuleBuilderOptions<T, string> AnEmailAddress<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(email => EmailAddresses.Normalise(email) is not null).WithMessage((_, email) => NotAnAddress(email));

    public static string NotAnAddress(string? email) => $"“{email?.Trim()}” is not a valid email address.";
}
