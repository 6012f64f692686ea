using System.Net;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests.Security;

[Collection(DatabaseCollection.Name)]
public class HardeningTests(DatabaseFixture database)
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        await using var factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync());
        using var client = TestClient.Create(factory);

        foreach (var path in new[] { "/", "/catalogue/1.1.1", "/account/login", "/health", "/no-such-page" })
        {
            var response = await client.Http.GetAsync(path);
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task Auth_cookies_are_http_only()
    {
        await using var world = await AccessWorld.CreateAsync(database.Server);
        using var client = TestClient.Create(world.Factory);

        var response = await client.SignInAsync("leader@example.org", TestAccounts.Password);

        var authCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("citymaturity.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited()
    {
        await using var factory = new CityMaturityFactory(
            await database.Server.CreateMigratedDatabaseAsync(),
            new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "3" });
        using var client = TestClient.Create(factory);
        var token = await client.AntiforgeryTokenAsync("/account/login");

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            statuses.Add((await client.PostFormAsync("/account/login", token, new() { ["email"] = "x@example.org", ["password"] = "guess " + attempt })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_honoured_by_another_sharing_the_database()
    {
        // The data-protection key ring lives in PostgreSQL: restarts and several instances accept the same cookie.
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        string cookie;
        await using (var world = await AccessWorld.CreateAsync(database.Server, connectionString))
        {
            using var client = TestClient.Create(world.Factory);
            cookie = await client.SignInCookieHeaderAsync("leader@example.org", TestAccounts.Password);
        }

        // The first instance is gone; a new one on the same database must accept its cookie.
        await using var second = new CityMaturityFactory(connectionString);
        using var other = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orgs/city-a");
        request.Headers.Add("Cookie", cookie);

        var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
