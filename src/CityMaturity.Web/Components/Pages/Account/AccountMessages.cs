namespace CityMaturity.Web.Components.Pages.Account;

/// <summary>The fixed texts behind the error codes account endpoints redirect with; user input is never echoed.</summary>
internal static class AccountMessages
{
    public static string? For(string? code) => code switch
    {
        null or "" => null,
        "invalid" => "The email or password is not right, or the account is locked after too many attempts. Try again, or reset your password.",
        NewPasswordValidator.TooShortCode => NewPasswordValidator.TooShortMessage,
        NewPasswordValidator.NotTheSameCode => NewPasswordValidator.NotTheSameMessage,
        "current" => "Your current password is not right.",
        "invalid-link" => "This link is not valid any more: it was used, withdrawn or has expired. Ask for a new one.",
        "name" => "Please give your name (up to 200 characters).",
        "sign-in-to-accept" => "You already have an account with this email address: sign in to accept the invitation.",
        _ => "Something was not right. Please try again.",
    };
}
