using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>The demo city's answers look like answers given in the app: each comes with its audit entry.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DemoDataTests(DatabaseFixture database) : IAsyncLifetime
{
    private DemoResultsWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("demo-results", DemoResultsWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_demo_answer_has_its_audit_entry_and_the_history_shows_them()
    {
        await using (var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            var ratings = await db.Ratings.AsNoTracking().Where(r => r.AssessmentId == _world.BaselineId).ToListAsync();
            var changes = await db.RatingChanges.AsNoTracking().Where(c => c.AssessmentId == _world.BaselineId).ToDictionaryAsync(c => c.RatingId);
            Assert.Equal(24 * 32, ratings.Count);
            Assert.All(ratings, rating =>
            {
                var change = changes[rating.Id];
                Assert.Equal((rating.LevelNow, rating.LevelInTwoYears, rating.Comment), (change.NewLevelNow, change.NewLevelInTwoYears, change.NewComment));
                Assert.True(change.ChangedByParticipant);
            });
            Assert.Equal(ratings.Count, changes.Count);
        }

        using var facilitator = await _world.ClientAsync("facilitator@demoville.example");
        var page = await facilitator.Http.GetStringAsync($"/orgs/demoville/assessments/{_world.BaselineId}?tab=history");
        Assert.Contains("History of rating changes", page, StringComparison.Ordinal);
        Assert.Contains("The latest 200 of 768 changes.", page, StringComparison.Ordinal);
        Assert.Contains($"api/assessments/{_world.BaselineId}/history.csv", page, StringComparison.Ordinal);
    }
}
