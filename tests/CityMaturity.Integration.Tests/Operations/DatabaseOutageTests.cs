using System.Net;
using System.Text;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Workshops;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>
/// While PostgreSQL is down or restarting, the app says so: 503 with Retry-After, JSON problem details under /api and for
/// the phones' JSON, a plain page otherwise — never a stack trace or the database's address. The app runs as scripts/run.sh
/// runs it (Development, where ASP.NET Core would otherwise show its developer exception page), on a cluster of its own
/// that the test stops.
/// </summary>
public class DatabaseOutageTests
{
    [Fact]
    public async Task While_the_database_is_down_requests_answer_503_with_retry_after_and_no_internals()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cm-outage-{Guid.NewGuid():N}"[..30]);
        var cluster = await EmbeddedPostgres.StartAsync(directory, deleteOnDispose: true);
        try
        {
            await cluster.EnsureDatabaseAsync("outage");
            await using var factory = new CityMaturityFactory(cluster.ConnectionString("outage"),
                new Dictionary<string, string?> { ["environment"] = "Development" });
            var user = await TestAccounts.CreateUserAsync(factory.Services, "leader@example.org");
            await TestAccounts.CreateOrganisationAsync(factory.Services, "City A", (user, OrganisationRole.Leader));
            using var client = TestClient.Create(factory);
            await client.SignInOrFailAsync("leader@example.org", TestAccounts.Password);
            var loginToken = await client.AntiforgeryTokenAsync("/account/login");
            using var phone = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
            phone.DefaultRequestHeaders.Add("Cookie", $"{Attendee.CookieName}={Attendee.Encode(Guid.NewGuid(), "a-secret-of-more-than-twenty-characters")}");

            await cluster.StopAsync();

            await AssertUnavailableAsync(await client.Http.GetAsync($"/api/assessments/{Guid.NewGuid()}/summary"), "application/problem+json", cluster.Port);
            await AssertUnavailableAsync(await phone.GetAsync("/w/ABC234/state"), "application/problem+json", cluster.Port);
            await AssertUnavailableAsync(await phone.PostAsync("/w/ABC234/vote",
                new StringContent($"{{\"roundId\":\"{Guid.NewGuid()}\",\"now\":\"3\",\"inTwoYears\":\"4\"}}", Encoding.UTF8, "application/json")), "application/problem+json", cluster.Port);
            await AssertUnavailableAsync(await client.Http.GetAsync("/orgs/city-a"), "text/html", cluster.Port);
            await AssertUnavailableAsync(await client.Http.GetAsync("/w/ABC234"), "text/html", cluster.Port);
            await AssertUnavailableAsync(await client.PostFormAsync("/account/login", loginToken,
                new() { ["email"] = "leader@example.org", ["password"] = TestAccounts.Password }), "text/html", cluster.Port);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Http.GetAsync("/health/ready")).StatusCode);

            // What the rating form retries on: EF Core's wrapped exceptions are recognised too.
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var failure = await Record.ExceptionAsync(() => scope.ServiceProvider.GetRequiredService<AssessmentService>().ListAsync(Guid.NewGuid()));
                Assert.NotNull(failure);
                Assert.True(DatabaseFailures.IsUnavailable(failure), failure.ToString());
            }
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string mediaType, int databasePort)
    {
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, what);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, what);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(databasePort.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
