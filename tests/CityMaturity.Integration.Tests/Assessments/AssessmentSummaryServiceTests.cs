using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

[Collection(DatabaseCollection.Name)]
public sealed class AssessmentSummaryServiceTests(DatabaseFixture database)
{
    [Fact]
    public async Task Stored_answers_reach_the_scoring_rules_including_dont_know_and_groups()
    {
        await using var world = await AssessmentWorld.CreateAsync(database.Server);
        var ana = await world.SessionAsync(world.AnaToken);
        var ben = await world.SessionAsync(world.BenToken);
        await world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(ana, "2.3.1", new RatingValues(LevelAnswer.Of(MaturityLevel.Improving), LevelAnswer.Of(MaturityLevel.Improving), null, []), 0, null));
        await world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(ben, "2.3.1", new RatingValues(LevelAnswer.Of(MaturityLevel.PartiallyFulfilled), LevelAnswer.DontKnow, null, []), 0, null));

        var summarised = await world.WithAsync(sp => sp.GetRequiredService<AssessmentSummaryService>().SummariseAsync(world.Assessment.Id));

        var now = summarised.Summary.Characteristic("2.3.1").For(RatingView.Now);
        Assert.Equal(3m, now.Score);
        Assert.Equal(ScoreSource.Median, now.Source);
        Assert.Equal(2, now.Statistics.N);
        var twoYears = summarised.Summary.Characteristic("2.3.1").For(RatingView.InTwoYears);
        Assert.Equal(1, twoYears.Statistics.DontKnowCount);
        Assert.Equal(4m, twoYears.Score);
        Assert.Equal(2, summarised.Participants.Count);
    }
}
