using System.Security.Claims;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CityMaturity.Web.Accounts;

/// <summary>
/// The account flows as plain form posts (cookies can only be set on an HTTP response, not over a Blazor
/// circuit). The forms are static pages under Components/Pages/Account. Every post is antiforgery-checked
/// (minimal APIs do so for form-bound parameters); sign-in and password reset are rate-limited. Failures
/// redirect back with an error code whose message the page picks: user input is never reflected.
/// Messages never tell whether an account exists.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        // No form field is bound, so minimal APIs would not check the token by themselves: a foreign page could sign people out.
        account.MapPost("/logout", SignOutAsync).RequireAuthorization().WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        account.MapPost("/forgot-password", ForgotPasswordAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        account.MapPost("/reset-password", ResetPasswordAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        account.MapPost("/invitation", AcceptInvitationAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        account.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization();
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? rememberMe, [FromForm] string? returnUrl,
        SignInManager<AppUser> signIn, UserManager<AppUser> users, CityMaturity.Application.Assessments.MemberTasks tasks)
    {
        var back = SafeReturnUrl(returnUrl);
        // A second try keeps the page to go back to only if there was one, so the landing choice below still applies.
        var tryAgain = string.IsNullOrEmpty(returnUrl) ? "/account/login?error=invalid" : $"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}";
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrEmpty(password))
        {
            // Same work and answer whether or not the account exists.
            users.PasswordHasher.HashPassword(new AppUser(), password ?? string.Empty);
            return Results.LocalRedirect(tryAgain);
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without checking the password: that was measurably faster than an unknown or
            // a known account and told locked accounts apart. The same hash work keeps the three alike.
            users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? string.Empty, password);
            return Results.LocalRedirect(tryAgain);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: rememberMe == "on", lockoutOnFailure: true);
        // Without a page to go back to, a member of one organisation lands on their tasks there.
        return result.Succeeded
            ? Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) ? await tasks.LandingPathAsync(user.Id) : back)
            : Results.LocalRedirect(tryAgain);
    }

    private static async Task<IResult> SignOutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/?signedOut=1");
    }

    private static async Task<IResult> ForgotPasswordAsync([FromForm] string? email, UserManager<AppUser> users, MailService mail, HttpRequest request)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is not null)
        {
            var code = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{BaseUri(request)}account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={Uri.EscapeDataString(code)}";
            await mail.SendAsync(user.Email!, "Reset your CityMaturity password",
                $"Someone asked to reset the password of your CityMaturity account.\n\nChoose a new password here:\n{link}\n\nIf it was not you, ignore this message; your password stays as it is.");
        }

        return Results.LocalRedirect("/account/forgot-password?sent=1");
    }

    private static async Task<IResult> ResetPasswordAsync(
        [FromForm] string? email, [FromForm] string? code, [FromForm] string? password, [FromForm] string? confirmPassword, UserManager<AppUser> users,
        IValidator<NewPassword> passwordRules)
    {
        var again = $"/account/reset-password?email={Uri.EscapeDataString(email ?? string.Empty)}&code={Uri.EscapeDataString(code ?? string.Empty)}";
        if (PasswordProblem(passwordRules, password, confirmPassword) is { } problem)
        {
            return Results.LocalRedirect($"{again}&error={problem}");
        }

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrEmpty(code))
        {
            return Results.LocalRedirect($"{again}&error=invalid-link");
        }

        var result = await users.ResetPasswordAsync(user, code, password!);
        if (!result.Succeeded)
        {
            return Results.LocalRedirect($"{again}&error={(result.Errors.Any(e => e.Code == "InvalidToken") ? "invalid-link" : "weak")}");
        }

        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        return Results.LocalRedirect("/account/login?reset=1");
    }

    private static async Task<IResult> AcceptInvitationAsync(
        [FromForm] string? token, [FromForm] string? displayName, [FromForm] string? password, [FromForm] string? confirmPassword,
        OrganisationService organisations, UserManager<AppUser> users, SignInManager<AppUser> signIn, ClaimsPrincipal principal, TimeProvider clock,
        IValidator<NewPassword> passwordRules)
    {
        var again = $"/account/invitation?token={Uri.EscapeDataString(token ?? string.Empty)}";
        if (await organisations.FindUsableInvitationAsync(token) is not var (invitation, organisation))
        {
            return Results.LocalRedirect($"{again}&error=invalid-link");
        }

        var existing = await users.FindByEmailAsync(invitation.Email);
        if (existing is not null)
        {
            // An existing account joins only when its owner is signed in: the link alone must not grant access to it.
            if (principal.UserId() != existing.Id)
            {
                return Results.LocalRedirect($"/account/login?error=sign-in-to-accept&returnUrl={Uri.EscapeDataString(again)}");
            }

            await organisations.AcceptAsync(invitation, existing);
            return Results.LocalRedirect($"/orgs/{organisation.Slug}");
        }

        var name = CityMaturity.Domain.Assessments.PersonNames.Clean(displayName);
        if (name.Length is 0 or > CityMaturity.Domain.Assessments.PersonNames.MaxLength)
        {
            return Results.LocalRedirect($"{again}&error=name");
        }

        if (PasswordProblem(passwordRules, password, confirmPassword) is { } problem)
        {
            return Results.LocalRedirect($"{again}&error={problem}");
        }

        var user = new AppUser { Id = Guid.NewGuid(), UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = name, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            return Results.LocalRedirect($"{again}&error=weak");
        }

        await organisations.AcceptAsync(invitation, user);
        await signIn.SignInAsync(user, isPersistent: false);
        return Results.LocalRedirect($"/orgs/{organisation.Slug}");
    }

    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] string? currentPassword, [FromForm] string? password, [FromForm] string? confirmPassword,
        ClaimsPrincipal principal, UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<NewPassword> passwordRules)
    {
        if (PasswordProblem(passwordRules, password, confirmPassword) is { } problem)
        {
            return Results.LocalRedirect($"/account/change-password?error={problem}");
        }

        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return Results.LocalRedirect("/account/login");
        }

        var result = await users.ChangePasswordAsync(user, currentPassword ?? string.Empty, password!);
        if (!result.Succeeded)
        {
            var error = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "current" : "weak";
            return Results.LocalRedirect($"/account/change-password?error={error}");
        }

        await signIn.RefreshSignInAsync(user);
        return Results.LocalRedirect("/account/change-password?changed=1");
    }

    public const int MinimumPasswordLength = NewPasswordValidator.MinimumLength;

    /// <summary>The code of the first rule the new password breaks (the page shows its message under the field), or null.</summary>
    private static string? PasswordProblem(IValidator<NewPassword> rules, string? password, string? confirmation) =>
        rules.Validate(new NewPassword(password ?? string.Empty, confirmation ?? string.Empty)).Errors is [var failure, ..] ? failure.ErrorCode : null;

    /// <summary>Where a sign-in goes when it was given no usable return address.</summary>
    public const string Home = "/orgs";

    /// <summary>
    /// Only plain local paths: an open redirect through returnUrl is not possible, and nothing that a redirect cannot carry
    /// (control characters, line breaks, backslashes, which browsers read as slashes) gets near a Location header.
    /// Anything else falls back to <see cref="Home"/>.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 }
        && returnUrl[0] == '/'
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.Any(c => char.IsControl(c) || c == '\\' || char.IsWhiteSpace(c))
        && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : Home;

    public static string BaseUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";
}
