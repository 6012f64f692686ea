using System.Net;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

[Collection(DatabaseCollection.Name)]
public sealed class RatingsCsvEndpointTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        var ana = await _world.SessionAsync(_world.AnaToken);
        await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(ana, "1.1.1",
            new RatingValues(LevelAnswer.Of(MaturityLevel.Fulfilled), LevelAnswer.DontKnow, "=HYPERLINK(\"http://evil.example\")", []), 0, null));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task The_facilitator_downloads_every_answer_with_formulas_neutralised()
    {
        using var client = await _world.Access.ClientAsync("facilitator");

        var response = await client.Http.GetAsync($"/api/assessments/{_world.Assessment.Id}/ratings.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RatingsCsv.Header, lines[0]);
        Assert.Contains(lines, l => l.StartsWith("ana@example.org,Ana Silva,Local government,1.1.1,3,DK,", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("member")]
    [InlineData("other_org_admin")]
    public async Task Others_cannot_see_names_and_answers(string role)
    {
        using var client = await _world.Access.ClientAsync(role);

        var response = await client.Http.GetAsync($"/api/assessments/{_world.Assessment.Id}/ratings.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = await _world.Access.ClientAsync("anonymous");

        var response = await client.Http.GetAsync($"/api/assessments/{_world.Assessment.Id}/ratings.csv");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("ana@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
