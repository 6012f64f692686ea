using System.Security.Claims;
using System.Text.Encodings.Web;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CityMaturity.Web.Security;

/// <summary>
/// <c>Authorization: Bearer cm_pat_…</c> signs the token's user in — for read requests (GET, HEAD) under /api only,
/// and only on endpoints whose policy names this scheme (<see cref="Policies.Api"/>); pages and forms never accept it.
/// The principal carries the same claims as the sign-in cookie's, so the same authorization handlers decide.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PersonalAccessTokenService tokens,
    UserManager<AppUser> users,
    IUserClaimsPrincipalFactory<AppUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";
    public const string TokenClaim = "citymaturity:personal_access_token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!Request.Path.StartsWithSegments("/api") || !(HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)))
        {
            return AuthenticateResult.Fail("Personal access tokens are read-only and valid for /api only.");
        }

        var userId = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim());
        var user = userId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }

        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        identity.AddClaim(new Claim(TokenClaim, "true"));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
