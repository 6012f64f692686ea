using System.Net;
using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>The whole audit trail of an assessment's answers as CSV (GET /api/assessments/{id}/history.csv).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class RatingHistoryCsvTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;

    private string HistoryPath => $"/api/assessments/{_world.Assessment.Id}/history.csv";

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        var ana = await _world.SessionAsync(_world.AnaToken);
        var ratings = _world.Services.GetRequiredService<RatingService>();
        await SavedAsync(ratings.SaveAsync(ana, "1.1.1", new RatingValues(LevelAnswer.Of(MaturityLevel.Fulfilled), LevelAnswer.DontKnow, "=HYPERLINK(\"http://evil.example\")", []), 0, null));
        await SavedAsync(ratings.SaveAsync(ana, "1.1.1", new RatingValues(LevelAnswer.Of(MaturityLevel.Improving), LevelAnswer.Of(MaturityLevel.SustainablyOptimising), "Budget approved", ["https://city.example/budget"]), 1, null));

        var csv = $"{RatingsCsv.Header}\r\nben@example.org,Ben Okafor,Citizens,1.1.2,2,3,\r\n";
        var imported = await _world.WithAsync(sp => sp.GetRequiredService<RatingImportService>()
            .ImportAsync(_world.Assessment.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), _world.Access.Users["facilitator"].Id));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Problems.Select(p => p.ToString())));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static async Task SavedAsync(Task<SaveOutcome> save) => Assert.IsType<SaveOutcome.Saved>(await save);

    [Fact]
    public async Task The_facilitator_downloads_every_change_oldest_first_with_who_what_and_before_and_after()
    {
        using var client = await _world.Access.ClientAsync("facilitator");

        using var response = await client.Http.GetAsync(HistoryPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"-history-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', RatingHistoryCsv.Columns), lines[0]);
        Assert.Equal(4, lines.Length);
        // Without the timestamp: participant, group, characteristic, through, by whom, then every field before → after.
        string[] expected =
        [
            "ana@example.org,Ana Silva,Local government,1.1.1,rating_form,true,,,3,,DK,,\"'=HYPERLINK(\"\"http://evil.example\"\")\",,",
            "ana@example.org,Ana Silva,Local government,1.1.1,rating_form,true,,3,4,DK,5,\"'=HYPERLINK(\"\"http://evil.example\"\")\",Budget approved,,https://city.example/budget",
            "ben@example.org,Ben Okafor,Citizens,1.1.2,import,false,facilitator@example.org,,2,,3,,,,",
        ];
        Assert.Equal(expected, lines[1..].Select(line => line[(line.IndexOf(',', StringComparison.Ordinal) + 1)..]));
        var times = lines[1..].Select(line => DateTimeOffset.Parse(line[..line.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("member")]
    [InlineData("other_org_admin")]
    public async Task Others_cannot_see_the_history(string role)
    {
        using var client = await _world.Access.ClientAsync(role);

        using var response = await client.Http.GetAsync(HistoryPath);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_get_nothing()
    {
        using var client = await _world.Access.ClientAsync("anonymous");

        using var response = await client.Http.GetAsync(HistoryPath);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("ana@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
