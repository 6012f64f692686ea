using FluentValidation;

namespace CityMaturity.Application.Accounts;

/// <summary>A personal access token to create, as its owner names it.</summary>
public sealed record NewToken(string Name);

/// <summary>The token rules, used by <see cref="PersonalAccessTokenService"/> and by the tokens page for its message under the field.</summary>
public sealed class NewTokenValidator : AbstractValidator<NewToken>
{
    public const int MaxNameLength = 100;

    public NewTokenValidator()
    {
        RuleFor(t => t.Name).Must(name => name.Trim().Length is > 0 and <= MaxNameLength)
            .WithMessage($"Give the token a name of 1 to {MaxNameLength} characters, such as the tool that will use it.");
    }
}

/// <summary>A new password and its repetition, as a person types them (change, reset, accepting an invitation).</summary>
public sealed record NewPassword(string Password, string Confirmation);

/// <summary>
/// Length over composition rules (NIST SP 800-63B): at least <see cref="MinimumLength"/> characters, typed twice alike.
/// The account endpoints redirect with a failure's <c>ErrorCode</c> (user input is never reflected in an address) and
/// the pages show the message that belongs to the code under the field it concerns.
/// </summary>
public sealed class NewPasswordValidator : AbstractValidator<NewPassword>
{
    public const int MinimumLength = 10;

    /// <summary>Longer is refused too (hashing a megabyte per request is a cheap attack), with the same code.</summary>
    public const int MaximumLength = 256;
    public const string TooShortCode = "weak";
    public const string NotTheSameCode = "mismatch";
    public static readonly string TooShortMessage = $"Choose a password of at least {MinimumLength} characters (a few words make a good one).";
    public const string NotTheSameMessage = "The two passwords are not the same.";

    public NewPasswordValidator()
    {
        // A password too short is reported alone: whether a too-short pair matches does not help the person.
        RuleLevelCascadeMode = CascadeMode.Stop;
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleFor(p => p.Password).Length(MinimumLength, MaximumLength).WithErrorCode(TooShortCode).WithMessage(TooShortMessage);
        RuleFor(p => p.Confirmation).Equal(p => p.Password, StringComparer.Ordinal).WithErrorCode(NotTheSameCode).WithMessage(NotTheSameMessage);
    }
}
