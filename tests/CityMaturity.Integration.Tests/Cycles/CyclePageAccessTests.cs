using CityMaturity.Domain.Assessments;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outcome = CityMaturity.Integration.Tests.Security.AuthorizationMatrixTests.Outcome;

namespace CityMaturity.Integration.Tests.Cycles;

/// <summary>The access matrix of the cycle pages: results readers see series, those who create assessments start follow-ups.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CyclePageAccessTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private Assessment _closed = null!;
    private Guid _seriesId;

    public async Task InitializeAsync()
    {
        _world = await database.SharedAsync("cycle-pages", server => AssessmentWorld.CreateAsync(server));
        var cityA = _world.Access.CityA.Id;
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var listed = (await cycles.ListAsync(cityA)).FirstOrDefault(l => l.Series is not null);
        if (listed is not null)
        {
            _seriesId = listed.Series!.Id;
            _closed = (await cycles.ListAsync(cityA)).First(l => l.Series is null && l.Cycles[0].Name == "Access 2024").Cycles[0];
            return;
        }

        var (first, _, _, _) = await _world.WithAsync(sp => CycleServiceTests.ClosedAssessmentAsync(sp, cityA, "Access 2022", new DateOnly(2022, 6, 1)));
        _seriesId = (await cycles.StartFollowUpAsync(cityA, first.Id, new FollowUp("Access follow-up", "Access series", null, []), null)).SeriesId!.Value;
        (_closed, _, _, _) = await _world.WithAsync(sp => CycleServiceTests.ClosedAssessmentAsync(sp, cityA, "Access 2024", new DateOnly(2024, 6, 1)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, Outcome> Matrix => new()
    {
        { "anonymous", "series", Outcome.SignInRequired },
        { "member", "series", Outcome.NotFound },
        { "leader", "series", Outcome.Allowed },
        { "facilitator", "series", Outcome.Allowed },
        { "org_admin", "series", Outcome.Allowed },
        { "other_org_admin", "series", Outcome.NotFound },
        { "system_admin", "series", Outcome.NotFound },
        { "anonymous", "one-series", Outcome.SignInRequired },
        { "member", "one-series", Outcome.NotFound },
        { "leader", "one-series", Outcome.Allowed },
        { "facilitator", "one-series", Outcome.Allowed },
        { "other_org_admin", "one-series", Outcome.NotFound },
        { "other_org_admin", "one-series-as-city-b", Outcome.NotFound },
        { "anonymous", "follow-up", Outcome.SignInRequired },
        { "member", "follow-up", Outcome.NotFound },
        { "leader", "follow-up", Outcome.NotFound },
        { "facilitator", "follow-up", Outcome.Allowed },
        { "org_admin", "follow-up", Outcome.Allowed },
        { "other_org_admin", "follow-up", Outcome.NotFound },
        { "other_org_admin", "follow-up-as-city-b", Outcome.NotFound },
        { "system_admin", "follow-up", Outcome.NotFound },
        { "anonymous", "rename", Outcome.SignInRequired },
        { "member", "rename", Outcome.NotFound },
        { "leader", "rename", Outcome.NotFound },
        { "facilitator", "rename", Outcome.Allowed },
        { "org_admin", "rename", Outcome.Allowed },
        { "other_org_admin", "rename", Outcome.NotFound },
        { "other_org_admin", "rename-as-city-b", Outcome.NotFound },
        { "system_admin", "rename", Outcome.NotFound },
    };

    private string PathOf(string page) => page switch
    {
        "series" => "/orgs/city-a/series",
        "one-series" => $"/orgs/city-a/series/{_seriesId}",
        // City A's ids under City B's address: the administrator of City B must not reach them either.
        "one-series-as-city-b" => $"/orgs/city-b/series/{_seriesId}",
        "follow-up" => $"/orgs/city-a/assessments/{_closed.Id}/follow-up",
        "follow-up-as-city-b" => $"/orgs/city-b/assessments/{_closed.Id}/follow-up",
        "rename" => $"/orgs/city-a/series/{_seriesId}/rename",
        "rename-as-city-b" => $"/orgs/city-b/series/{_seriesId}/rename",
        _ => throw new ArgumentOutOfRangeException(nameof(page)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Cycle_pages_answer_each_role_as_intended(string role, string page, Outcome expected)
    {
        using var client = await _world.Access.ClientAsync(role);

        var response = await client.Http.GetAsync(PathOf(page));

        Assert.Equal(expected, AuthorizationMatrixTests.Classify(response));
        if (expected == Outcome.Allowed)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(page == "follow-up" ? "Start a follow-up of Access 2024" : "Access series", html, StringComparison.Ordinal);
        }

        // The series page offers renaming only to those the rename page lets in.
        if (page == "one-series" && expected == Outcome.Allowed)
        {
            var html = await (await client.Http.GetAsync(PathOf(page))).Content.ReadAsStringAsync();
            Assert.Equal(role is "facilitator" or "org_admin", html.Contains("Rename the series", StringComparison.Ordinal));
        }
    }
}
