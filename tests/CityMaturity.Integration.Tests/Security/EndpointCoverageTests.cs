using System.Net;
using System.Text.RegularExpressions;
using CityMaturity.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>
/// New endpoints cannot slip through: every endpoint the app maps must declare its access rule, the public
/// ones are an explicit list, and every other one turns an anonymous visitor away.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class EndpointCoverageTests(DatabaseFixture database) : IAsyncLifetime
{
    /// <summary>Reachable without signing in, on purpose. Adding to this list is a security decision.</summary>
    private static readonly HashSet<string> PublicRoutes =
    [
        "/", "/about", "/catalogue", "/catalogue/{Code}", "/indicators", "/indicators/{Slug}", "/not-found", "/error", "/health", "/health/live", "/health/ready",
        "/account/login", "/account/forgot-password", "/account/reset-password", "/account/invitation", "/account/access-denied",
        // A participant's personal rating link, its steps and the page's JSON: the random token in the address is the credential.
        "/rate/{Token}", "/rate/{Token}/{Step}", "/rate/{token}/state", "/rate/{token}/save",
        // Its evidence (issue 15): the same token; a participant reads a card's evidence (ADR 0052) and adds to and removes
        // from their own answer only.
        "/rate/{token}/evidence/", "/rate/{token}/evidence/link", "/rate/{token}/evidence/document", "/rate/{token}/evidence/{evidenceId:guid}", "/rate/{token}/evidence/{evidenceId:guid}/file",
        // The OpenAPI description of the results API: routes and shapes only, no data; the API itself needs a sign-in or token.
        "/openapi/{documentName}.json",
        // The live workshop's phone pages: the join code lets people in only as the facilitator allows (invitation
        // link, account, or walk-ins); state, votes and events need the phone's session cookie (WorkshopTests).
        "/w", "/w/{Code}", "/w/{code}/join", "/w/{code}/state", "/w/{code}/vote", "/w/{code}/events",
        // Attestations of external audits (issue 17): anyone checks them without an account; only what an attestation
        // states is reachable (by its long random code), and the public keys. Rate limited.
        "/verify", "/verify/{Code}", "/verify/{code}/attestation.json", "/verify/{code}/attestation.sig", "/verify/keys/{keyId}.pem",
        "/verify/check", "/verify/{code}/attestation.pdf", "/.well-known/citymaturity-attestation-key.pem",
        "/.well-known/citymaturity-attestation-keys/{slug}.pem", "/.well-known/citymaturity-attestation-keys.json",
    ];

    private CityMaturityFactory _factory = null!;

    public async Task InitializeAsync() => _factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync());

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>
    /// Framework plumbing with no data of ours: the Blazor circuit's hub (components authorise themselves),
    /// Blazor's redirect helper, and the static-file fallback.
    /// </summary>
    private static bool IsFrameworkPlumbing(RouteEndpoint endpoint) =>
        Route(endpoint).StartsWith("/_blazor", StringComparison.Ordinal)
        || Route(endpoint) is "/_framework/opaque-redirect" or "/{**path:file}";

    private IReadOnlyList<RouteEndpoint> AppEndpoints() =>
        [.. _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !IsFrameworkPlumbing(e))];

    private static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    private static bool IsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static bool IsStaticAsset(RouteEndpoint endpoint) => IsAnonymous(endpoint) && Route(endpoint).Contains('.', StringComparison.Ordinal) && !Route(endpoint).Contains('{', StringComparison.Ordinal);

    [Fact]
    public void Every_endpoint_declares_who_may_use_it()
    {
        var undeclared = AppEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => $"{Route(e)} ({e.DisplayName})")
            .ToList();

        Assert.True(AppEndpoints().Count > 20, "the endpoint list looks incomplete");
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Only_the_listed_routes_are_public()
    {
        var unexpectedPublic = AppEndpoints()
            .Where(e => IsAnonymous(e) && !IsStaticAsset(e) && !PublicRoutes.Contains(Route(e)))
            .Select(Route)
            .Distinct()
            .ToList();

        Assert.Empty(unexpectedPublic);
    }

    [Fact]
    public async Task Every_protected_page_and_endpoint_turns_an_anonymous_visitor_away()
    {
        using var client = TestClient.Create(_factory);
        var protectedEndpoints = AppEndpoints().Where(e => !IsAnonymous(e)).ToList();
        Assert.NotEmpty(protectedEndpoints);

        foreach (var endpoint in protectedEndpoints)
        {
            // Fill parameters so the route matches: a guid where the route demands one, a slug elsewhere.
            var path = RouteParameter().Replace(Route(endpoint), m => m.Value.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "city-a");
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                var response = await client.Http.SendAsync(request);
                var turnedAway = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal));
                Assert.True(turnedAway, $"{method} {path} answered an anonymous visitor with {(int)response.StatusCode}");
            }
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
