using System.Net;
using System.Net.Http.Json;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Outcome = CityMaturity.Integration.Tests.Security.AuthorizationMatrixTests.Outcome;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>
/// The access matrix of every benchmarking page and endpoint: a network is seen by its coordinators and by results readers
/// of an accepted member; sharing is for the organisation's administrators. City B is not a member.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class BenchmarkAccessTests(DatabaseFixture database) : IAsyncLifetime
{
    private BenchmarkWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("benchmark-network", BenchmarkWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, Outcome> Matrix => new()
    {
        { "anonymous", "list", Outcome.SignInRequired },
        { "member", "list", Outcome.Allowed },
        { "system_admin", "list", Outcome.Allowed },
        { "anonymous", "network", Outcome.SignInRequired },
        { "member", "network", Outcome.NotFound },
        { "data_officer", "network", Outcome.NotFound },
        { "leader", "network", Outcome.Allowed },
        { "facilitator", "network", Outcome.Allowed },
        { "org_admin", "network", Outcome.Allowed },
        { "other_org_admin", "network", Outcome.NotFound },
        { "system_admin", "network", Outcome.NotFound },
        { "leader", "unknown-network", Outcome.NotFound },
        { "anonymous", "api", Outcome.SignInRequired },
        { "member", "api", Outcome.NotFound },
        { "leader", "api", Outcome.Allowed },
        { "facilitator", "api", Outcome.Allowed },
        { "org_admin", "api", Outcome.Allowed },
        { "other_org_admin", "api", Outcome.NotFound },
        { "system_admin", "api", Outcome.NotFound },
        { "anonymous", "report", Outcome.SignInRequired },
        { "member", "report", Outcome.NotFound },
        { "data_officer", "report", Outcome.NotFound },
        { "leader", "report", Outcome.Allowed },
        { "facilitator", "report", Outcome.Allowed },
        { "org_admin", "report", Outcome.Allowed },
        { "other_org_admin", "report", Outcome.NotFound },
        { "system_admin", "report", Outcome.NotFound },
        { "anonymous", "csv", Outcome.SignInRequired },
        { "member", "csv", Outcome.NotFound },
        { "leader", "csv", Outcome.Allowed },
        { "other_org_admin", "csv", Outcome.NotFound },
        { "system_admin", "csv", Outcome.NotFound },
        { "anonymous", "sharing", Outcome.SignInRequired },
        { "member", "sharing", Outcome.NotFound },
        { "leader", "sharing", Outcome.NotFound },
        { "facilitator", "sharing", Outcome.NotFound },
        { "org_admin", "sharing", Outcome.Allowed },
        { "other_org_admin", "sharing", Outcome.NotFound },
        { "other_org_admin", "sharing-city-b", Outcome.Allowed },
        { "system_admin", "sharing", Outcome.NotFound },
        // Indicator values, learn-from and challenges (ADR 0042): the same readers as the comparison; what goes out, administrators only.
        { "anonymous", "indicators", Outcome.SignInRequired },
        { "member", "indicators", Outcome.NotFound },
        { "data_officer", "indicators", Outcome.NotFound },
        { "leader", "indicators", Outcome.Allowed },
        { "facilitator", "indicators", Outcome.Allowed },
        { "org_admin", "indicators", Outcome.Allowed },
        { "other_org_admin", "indicators", Outcome.NotFound },
        { "system_admin", "indicators", Outcome.NotFound },
        { "anonymous", "peers", Outcome.SignInRequired },
        { "member", "peers", Outcome.NotFound },
        { "data_officer", "peers", Outcome.NotFound },
        { "leader", "peers", Outcome.Allowed },
        { "facilitator", "peers", Outcome.Allowed },
        { "org_admin", "peers", Outcome.Allowed },
        { "other_org_admin", "peers", Outcome.NotFound },
        { "system_admin", "peers", Outcome.NotFound },
        { "anonymous", "api-indicators", Outcome.SignInRequired },
        { "member", "api-indicators", Outcome.NotFound },
        { "data_officer", "api-indicators", Outcome.NotFound },
        { "leader", "api-indicators", Outcome.Allowed },
        { "org_admin", "api-indicators", Outcome.Allowed },
        { "other_org_admin", "api-indicators", Outcome.NotFound },
        { "system_admin", "api-indicators", Outcome.NotFound },
        { "anonymous", "api-learn-from", Outcome.SignInRequired },
        { "member", "api-learn-from", Outcome.NotFound },
        { "data_officer", "api-learn-from", Outcome.NotFound },
        { "leader", "api-learn-from", Outcome.Allowed },
        { "org_admin", "api-learn-from", Outcome.Allowed },
        { "other_org_admin", "api-learn-from", Outcome.NotFound },
        { "system_admin", "api-learn-from", Outcome.NotFound },
        { "anonymous", "api-challenges", Outcome.SignInRequired },
        { "member", "api-challenges", Outcome.NotFound },
        { "data_officer", "api-challenges", Outcome.NotFound },
        { "leader", "api-challenges", Outcome.Allowed },
        { "org_admin", "api-challenges", Outcome.Allowed },
        { "other_org_admin", "api-challenges", Outcome.NotFound },
        { "system_admin", "api-challenges", Outcome.NotFound },
        { "anonymous", "sharing-choices", Outcome.SignInRequired },
        { "member", "sharing-choices", Outcome.NotFound },
        { "leader", "sharing-choices", Outcome.NotFound },
        { "facilitator", "sharing-choices", Outcome.NotFound },
        { "data_officer", "sharing-choices", Outcome.NotFound },
        { "org_admin", "sharing-choices", Outcome.Allowed },
        { "other_org_admin", "sharing-choices", Outcome.NotFound },
        { "system_admin", "sharing-choices", Outcome.NotFound },
        { "other_org_admin", "sharing-choices-city-b", Outcome.NotFound },
    };

    private string PathOf(string page) => page switch
    {
        "list" => "/benchmarks",
        "network" => $"/benchmarks/{_world.Network.Id}",
        "unknown-network" => $"/benchmarks/{Guid.NewGuid()}",
        "api" => $"/api/benchmarks/{_world.Network.Id}/comparison",
        "report" => $"/api/benchmarks/{_world.Network.Id}/report.pdf",
        "csv" => $"/api/benchmarks/{_world.Network.Id}/comparison.csv",
        "sharing" => "/orgs/city-a/benchmarking",
        "sharing-city-b" => "/orgs/city-b/benchmarking",
        "indicators" => $"/benchmarks/{_world.Network.Id}/indicators",
        "peers" => $"/benchmarks/{_world.Network.Id}/peers",
        "api-indicators" => $"/api/benchmarks/{_world.Network.Id}/indicators",
        "api-learn-from" => $"/api/benchmarks/{_world.Network.Id}/learn-from",
        "api-challenges" => $"/api/benchmarks/{_world.Network.Id}/challenges",
        "sharing-choices" => $"/orgs/city-a/benchmarking/{_world.Network.Id}",
        "sharing-choices-city-b" => $"/orgs/city-b/benchmarking/{_world.Network.Id}",
        _ => throw new ArgumentOutOfRangeException(nameof(page)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Benchmarking_pages_and_api_answer_each_role_as_intended(string role, string page, Outcome expected)
    {
        using var client = await _world.Access.ClientAsync(role);

        var response = await client.Http.GetAsync(PathOf(page));

        var isApi = page.StartsWith("api", StringComparison.Ordinal) || page is "report" or "csv";
        if (isApi && expected == Outcome.SignInRequired)
        {
            // The API answers 401 rather than redirecting to a sign-in page.
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
            return;
        }

        Assert.Equal(expected, Security.AuthorizationMatrixTests.Classify(response));
        if (isApi && expected == Outcome.NotFound)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        if (expected != Outcome.Allowed)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Test network", body, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The writes of the challenge threads: only a coordinator hides a post or shows it again; readers of a member open a
    /// challenge (here refused by the rule, as Alphaville shares no indicator value: past the access check); others 404.
    /// </summary>
    public static TheoryData<string, string, HttpStatusCode> Writes => new()
    {
        { "anonymous", "hide", HttpStatusCode.Unauthorized },
        { "member", "hide", HttpStatusCode.NotFound },
        { "leader", "hide", HttpStatusCode.NotFound },
        { "facilitator", "hide", HttpStatusCode.NotFound },
        { "other_org_admin", "hide", HttpStatusCode.NotFound },
        { "system_admin", "hide", HttpStatusCode.NotFound },
        { "org_admin", "hide", HttpStatusCode.OK },
        { "anonymous", "unhide", HttpStatusCode.Unauthorized },
        { "member", "unhide", HttpStatusCode.NotFound },
        { "data_officer", "unhide", HttpStatusCode.NotFound },
        { "leader", "unhide", HttpStatusCode.NotFound },
        { "facilitator", "unhide", HttpStatusCode.NotFound },
        { "other_org_admin", "unhide", HttpStatusCode.NotFound },
        { "system_admin", "unhide", HttpStatusCode.NotFound },
        { "org_admin", "unhide", HttpStatusCode.OK },
        { "anonymous", "challenge-indicator", HttpStatusCode.Unauthorized },
        { "member", "challenge-indicator", HttpStatusCode.NotFound },
        { "data_officer", "challenge-indicator", HttpStatusCode.NotFound },
        { "leader", "challenge-indicator", HttpStatusCode.UnprocessableEntity },
        { "facilitator", "challenge-indicator", HttpStatusCode.UnprocessableEntity },
        { "org_admin", "challenge-indicator", HttpStatusCode.UnprocessableEntity },
        { "other_org_admin", "challenge-indicator", HttpStatusCode.NotFound },
        { "system_admin", "challenge-indicator", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Challenge_writes_answer_each_role_as_intended(string role, string action, HttpStatusCode expected)
    {
        // A thread of two members (Betatown asks Alphaville) with one post, hidden for "unhide", shown for "hide".
        var (challengeId, postId) = (Guid.NewGuid(), Guid.NewGuid());
        var (alphaville, betatown, network) = (_world.Peers["Alphaville"].Id, _world.Peers["Betatown"].Id, _world.Network.Id);
        var hidden = action == "unhide";
        await using (var db = await _world.DbAsync())
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO benchmark_challenges (id, network_id, target_organisation_id, characteristic_code, opened_by_organisation_id) VALUES ({challengeId}, {network}, {alphaville}, '1.1.1', {betatown})");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO benchmark_challenge_posts (id, challenge_id, author_organisation_id, body) VALUES ({postId}, {challengeId}, {betatown}, 'Why?')");
            if (hidden)
            {
                await db.Database.ExecuteSqlAsync($"UPDATE benchmark_challenge_posts SET hidden_at = now(), hidden_reason = 'Off topic' WHERE id = {postId}");
            }
        }

        using var client = await _world.Access.ClientAsync(role);
        var response = action switch
        {
            "challenge-indicator" => await client.Http.PostAsJsonAsync($"/api/benchmarks/{network}/challenges", new { city = "Alphaville", indicator = "L1.1.1", year = 2024, question = "How counted?" }),
            _ => await client.Http.PostAsJsonAsync($"/api/benchmarks/{network}/challenges/posts/{postId}/{action}", new { reason = "Checked by the coordinator" }),
        };

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await using (var db = await _world.DbAsync())
        {
            var stillHidden = await db.BenchmarkChallengePosts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.HiddenAt != null).SingleAsync();
            Assert.Equal(expected == HttpStatusCode.OK ? !hidden : hidden, stillHidden);
            Assert.False(await db.BenchmarkChallenges.AnyAsync(c => c.NetworkId == network && c.Id != challengeId && c.TargetOrganisationId == alphaville));
            await db.BenchmarkChallenges.Where(c => c.Id == challengeId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_network_list_shows_a_network_only_to_those_who_may_open_it()
    {
        using var member = await _world.Access.ClientAsync("member");
        using var leader = await _world.Access.ClientAsync("leader");

        Assert.DoesNotContain("Test network", await member.Http.GetStringAsync("/benchmarks"), StringComparison.Ordinal);
        Assert.Contains("Test network", await leader.Http.GetStringAsync("/benchmarks"), StringComparison.Ordinal);
    }
}
