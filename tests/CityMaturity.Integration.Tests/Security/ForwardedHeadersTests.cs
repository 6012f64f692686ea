using System.Net;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>
/// Behind a reverse proxy (the <c>ForwardedHeaders</c> section, off by default): through real Kestrel on loopback, the
/// sign-in rate limit (2 a minute here, per client address) partitions by <c>X-Forwarded-For</c> when the peer is a
/// configured proxy, and ignores the header from any other peer, where every request counts against the peer's own
/// address. <c>X-Forwarded-Proto: https</c> from a trusted proxy makes the request HTTPS (HSTS is sent).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ForwardedHeadersTests(DatabaseFixture database)
{
    private const string ClientA = "203.0.113.7";
    private const string ClientB = "203.0.113.8";

    [Fact]
    public async Task From_a_trusted_proxy_each_forwarded_client_has_its_own_limit_and_scheme()
    {
        await using var app = await StartAsync("127.0.0.1", "::1");
        using var http = Browser(app.Address);
        var token = await new TestClient(http).AntiforgeryTokenAsync("/account/login");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(http, token, ClientA));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(http, token, ClientA));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(http, token, ClientA));
        // Another client behind the same proxy is not held back by the first one's attempts.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(http, token, ClientB));

        Assert.True(await HstsSentAsync(http), "X-Forwarded-Proto: https from the proxy makes the request HTTPS");
    }

    [Fact]
    public async Task From_an_untrusted_peer_the_forwarded_headers_are_ignored()
    {
        // The proxy is elsewhere; this loopback client is not it, so its X-Forwarded-For claims nothing.
        await using var app = await StartAsync("192.0.2.10");
        using var http = Browser(app.Address);
        var token = await new TestClient(http).AntiforgeryTokenAsync("/account/login");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(http, token, ClientA));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(http, token, ClientA));
        // A made-up address does not escape the limit: all three attempts count against the peer's own address.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(http, token, ClientB));

        Assert.False(await HstsSentAsync(http), "a claimed scheme from an untrusted peer is ignored");
    }

    [Fact]
    public async Task Enabled_without_a_proxy_or_with_an_unreadable_address_stops_start_up_with_a_clear_message()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        await using (var none = new CityMaturityFactory(connectionString, new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "true" }))
        {
            var error = Assert.ThrowsAny<Exception>(() => none.CreateClient());
            Assert.Contains("neither ForwardedHeaders:KnownProxies nor ForwardedHeaders:KnownNetworks", Innermost(error).Message, StringComparison.Ordinal);
        }

        await using var bad = new CityMaturityFactory(connectionString, new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true", ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/99",
        });
        var badError = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains("ForwardedHeaders:KnownNetworks: \"10.0.0.0/99\" is not a network", Innermost(badError).Message, StringComparison.Ordinal);
    }

    /// <summary>A client with cookies (the antiforgery pair), as the proxy passes a browser's through.</summary>
    private static HttpClient Browser(Uri address) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;

    private sealed record RunningApp(CityMaturityFactory Factory, Uri Address) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private async Task<RunningApp> StartAsync(params string[] knownProxies)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:SignInAttemptsPerMinute"] = "2",
            ["ForwardedHeaders:Enabled"] = "true",
        };
        for (var i = 0; i < knownProxies.Length; i++)
        {
            settings[$"ForwardedHeaders:KnownProxies:{i}"] = knownProxies[i];
        }

        var factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync(), settings);
        return new RunningApp(factory, factory.StartKestrel());
    }

    /// <summary>A sign-in attempt as forwarded by a proxy for <paramref name="client"/> (a wrong password: the limiter counts every attempt).</summary>
    private static async Task<HttpStatusCode> SignInAsync(HttpClient http, string antiforgeryToken, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = "x@example.org", ["password"] = "guess", ["__RequestVerificationToken"] = antiforgeryToken,
            }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>HSTS goes out on HTTPS requests only (and not to localhost, hence a public host name).</summary>
    private static async Task<bool> HstsSentAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "maturity.example.org";
        request.Headers.Add("X-Forwarded-For", ClientA);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Contains("Strict-Transport-Security");
    }
}
