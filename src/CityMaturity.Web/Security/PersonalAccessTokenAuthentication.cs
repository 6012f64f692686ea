using System.Security.Claims;
using System.Text.Encodings.Web;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CityMaturity.Web.Security;

/// <summary>
/// <c>Authorization: Bearer cm_pat_…</c> signs the token's user in — for read requests (GET, HEAD) under /api only,
/// and only on endpoints whose policy names this scheme (<see cref="Policies.Api"/>); pages and forms never accept it.
/// The principal carries the same claims as the sign-in cookie's, so the same authorization handlers decide.
/// The token, its revocation and the user's lockout are checked against the database on every request (one round
/// trip); only the claims built from the user are reused, see <see cref="PersonalAccessTokenClaims"/>.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PersonalAccessTokenService tokens,
    PersonalAccessTokenClaims claims)
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

        var assessmentId = AssessmentAccessReadWithToken.AssessmentOf(Context);
        var (user, access) = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), assessmentId);
        if (user is null || await claims.OfAsync(user, Context.RequestServices) is not { } userClaims)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }

        if (assessmentId is { } id)
        {
            Context.Features.Set(new AssessmentAccessReadWithToken(user.Id, id, access));
        }

        var identity = new ClaimsIdentity(userClaims, SchemeName);
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

/// <summary>
/// The claims the sign-in cookie's principal factory builds for a user, reused for up to <see cref="Lifetime"/> by token
/// requests. Keyed by the user's id and both Identity stamps, which Identity renews on every change to the user
/// (profile, password, lockout, stored claims): a changed user never meets an old entry. Whether the token is still
/// valid is not cached at all. Only a miss reads the whole user and their stored claims, and only a miss activates
/// Identity's user manager (with its token providers), so a request answered from here does neither.
/// </summary>
public sealed class PersonalAccessTokenClaims : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    private readonly record struct Key(Guid UserId, string? SecurityStamp, string? ConcurrencyStamp);

    /// <returns>The claims, or null when the user no longer exists.</returns>
    public async Task<IReadOnlyList<Claim>?> OfAsync(TokenUser user, IServiceProvider requestServices)
    {
        if (_entries.TryGetValue(new Key(user.Id, user.SecurityStamp, user.ConcurrencyStamp), out Claim[]? cached) && cached is not null)
        {
            return cached;
        }

        if (await requestServices.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.Id.ToString()) is not { } whole)
        {
            return null;
        }

        // Kept under the stamps of the row the claims were built from (if the user changed since the token's statement,
        // the next request's stamps are these).
        Claim[] built = [.. (await requestServices.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(whole)).Claims];
        _entries.Set(new Key(whole.Id, whole.SecurityStamp, whole.ConcurrencyStamp), built,
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return built;
    }

    public void Dispose() => _entries.Dispose();
}

/// <summary>
/// An endpoint that carries this (the summary API, polled by integrations) has its access facts read in the token's
/// own statement: the handler puts them on the request (<see cref="AssessmentAccessReadWithToken"/>) and
/// <see cref="OrganisationAccess.FindVersionedAssessmentAsync(HttpContext, Guid, AssessmentPermission, CancellationToken)"/>
/// judges them instead of querying again. Same facts, same rule, same request: one round trip instead of two.
/// </summary>
public sealed class ReadsAssessmentAccessWithToken
{
    public const string RouteValue = "id";
}

/// <summary>The access facts read with the token for one assessment and user, valid for this request only (a request feature).</summary>
public sealed record AssessmentAccessReadWithToken(Guid UserId, Guid AssessmentId, TokenAssessmentAccess? Access)
{
    /// <summary>The assessment whose access to read with the token, when the endpoint asks for it and its address names one.</summary>
    public static Guid? AssessmentOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ReadsAssessmentAccessWithToken>() is not null
        && context.Request.RouteValues[ReadsAssessmentAccessWithToken.RouteValue] is string text && Guid.TryParse(text, out var id)
            ? id
            : null;
}
