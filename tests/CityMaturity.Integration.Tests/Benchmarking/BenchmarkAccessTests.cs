using CityMaturity.Testing;
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

    [Fact]
    public async Task The_network_list_shows_a_network_only_to_those_who_may_open_it()
    {
        using var member = await _world.Access.ClientAsync("member");
        using var leader = await _world.Access.ClientAsync("leader");

        Assert.DoesNotContain("Test network", await member.Http.GetStringAsync("/benchmarks"), StringComparison.Ordinal);
        Assert.Contains("Test network", await leader.Http.GetStringAsync("/benchmarks"), StringComparison.Ordinal);
    }
}
