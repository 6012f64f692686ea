using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>Open dashboards refresh on every instance: a rating saved through one app instance is announced on another.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CrossInstanceUpdateTests(DatabaseFixture database)
{
    [Fact]
    public async Task A_rating_saved_on_one_instance_is_announced_to_dashboards_on_another()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        await using var world = await AssessmentWorld.CreateAsync(database.Server, connectionString);
        await using var instanceB = new CityMaturityFactory(connectionString);
        var announced = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        instanceB.Services.GetRequiredService<AssessmentChangeNotifier>().Changed += id => announced.TrySetResult(id);

        var session = await world.SessionAsync(world.AnaToken);
        var saved = await world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(session, "3.1.1",
            new RatingValues(LevelAnswer.Of(MaturityLevel.Improving), LevelAnswer.DontKnow, null, []), 0, null));

        Assert.IsType<SaveOutcome.Saved>(saved);
        Assert.Equal(world.Assessment.Id, await announced.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }
}
