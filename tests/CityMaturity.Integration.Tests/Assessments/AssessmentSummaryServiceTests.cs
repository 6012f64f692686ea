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

    [Fact]
    public async Task A_cached_summary_is_reused_until_anything_it_is_computed_from_changes()
    {
        await using var world = await AssessmentWorld.CreateAsync(database.Server);
        Task<SummarisedAssessment> SummariseAsync() => world.WithAsync(sp => sp.GetRequiredService<AssessmentSummaryService>().SummariseAsync(world.Assessment.Id));
        Task<T> WithAssessmentsAsync<T>(Func<AssessmentService, Task<T>> action) => world.WithAsync(sp => action(sp.GetRequiredService<AssessmentService>()));
        var ana = await world.SessionAsync(world.AnaToken);

        var first = await SummariseAsync();
        Assert.Same(first.Summary, (await SummariseAsync()).Summary);

        // A rating saved through the rating form.
        await world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(ana, "4.2", new RatingValues(LevelAnswer.Of(MaturityLevel.Improving), LevelAnswer.DontKnow, null, []), 0, null));
        var afterRating = await SummariseAsync();
        Assert.NotSame(first.Summary, afterRating.Summary);
        Assert.Equal(4m, afterRating.Summary.Characteristic("4.2").Now.Score);

        // A target set by the facilitator.
        await WithAssessmentsAsync(async s => { await s.SetTargetAsync(world.Assessment.Id, "4.2", MaturityLevel.SustainablyOptimising); return 0; });
        var afterTarget = await SummariseAsync();
        Assert.Equal(MaturityLevel.SustainablyOptimising, afterTarget.Summary.Characteristic("4.2").Target);

        // A participant added, and a group renamed.
        var groups = (await WithAssessmentsAsync(s => s.OverviewAsync(world.Assessment.Id))).Groups;
        await WithAssessmentsAsync(s => s.AddParticipantAsync(world.Assessment.Id, "Cleo", "cleo@example.org", groups[2].Id));
        Assert.Equal(3, (await SummariseAsync()).Participants.Count);
        await WithAssessmentsAsync(async s => { await s.RenameGroupAsync(world.Assessment.Id, groups[2].Id, "Businesses"); return 0; });
        Assert.Contains((await SummariseAsync()).Groups, g => g.Name == "Businesses");

        // The assessment's status is always current, even when the figures come from the cache.
        var beforeClosing = await SummariseAsync();
        await WithAssessmentsAsync(async s => { await s.MoveToAsync(world.Assessment.Id, AssessmentStatus.Closed); return 0; });
        var afterClosing = await SummariseAsync();
        Assert.Same(beforeClosing.Summary, afterClosing.Summary);
        Assert.Equal(AssessmentStatus.Closed, afterClosing.Assessment.Status);
    }
}
