using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Scoring;

/// <summary>
/// The worked example of docs/methodology.md ("Scoring rules"), figure by figure. If a number here changes, the
/// document must change with it.
/// </summary>
public class WorkedExampleTests
{
    private static readonly AssessmentSummary Summary = BuildExample();

    private static AssessmentSummary BuildExample()
    {
        var scenario = new Scenario();
        var council = scenario.Group("Local government");
        var business = scenario.Group("Private sector");
        var citizens = scenario.Group("Citizens");

        scenario
            .Rate(council, "2.2.1", "4", "5")    // P1
            .Rate(council, "2.2.1", "3", "4")    // P2
            .Rate(business, "2.2.1", "3", "2")   // P3: plans regress
            .Rate(business, "2.2.1", "2", "3")   // P4
            .Rate(citizens, "2.2.1", "1", "2")   // P5
            .Rate(citizens, "2.2.1", "DK", "4")  // P6
            .Target("2.2.1", MaturityLevel.Improving)
            .Consensus("2.2.2", RatingView.Now, MaturityLevel.PartiallyFulfilled);
        return scenario.Summarise();
    }

    private static CharacteristicScore Example => Summary.Characteristic("2.2.1");

    [Fact]
    public void Statistics_now_over_all_participants()
    {
        var now = Example.Now.Statistics;

        Assert.Equal(5, now.N);
        Assert.Equal([1, 1, 2, 1, 0], now.Distribution);
        Assert.Equal(2.6m, now.Mean);
        Assert.Equal(3m, now.Median);
        Assert.Equal(MaturityLevel.Initial, now.Min);
        Assert.Equal(MaturityLevel.Improving, now.Max);
        Assert.Equal(2m, now.Q1);
        Assert.Equal(3m, now.Q3);
        Assert.Equal(1m, now.Iqr);
        Assert.Equal(80m, now.AgreementPercent);
        Assert.Equal(ConsensusState.BroadAgreement, now.Consensus);
        Assert.Equal(1, now.DontKnowCount);
        Assert.Equal(6, now.ResponseCount);
    }

    [Fact]
    public void Statistics_in_two_years_over_all_participants()
    {
        var inTwoYears = Example.InTwoYears.Statistics;

        Assert.Equal(6, inTwoYears.N);
        Assert.Equal([0, 2, 1, 2, 1], inTwoYears.Distribution);
        Assert.Equal(3.33m, inTwoYears.Mean);
        Assert.Equal(3.5m, inTwoYears.Median);
        Assert.Equal(MaturityLevel.PartiallyFulfilled, inTwoYears.Min);
        Assert.Equal(MaturityLevel.SustainablyOptimising, inTwoYears.Max);
        Assert.Equal(2.25m, inTwoYears.Q1);
        Assert.Equal(4m, inTwoYears.Q3);
        Assert.Equal(1.75m, inTwoYears.Iqr);
        Assert.Equal(50m, inTwoYears.AgreementPercent);
        Assert.Equal(ConsensusState.NoAgreement, inTwoYears.Consensus);
        Assert.Equal(0, inTwoYears.DontKnowCount);
        Assert.Equal(6, inTwoYears.ResponseCount);
    }

    [Fact]
    public void Statistics_per_group()
    {
        Assert.Equal(
            [("Local government", 2, 3.5m, 3.5m, 3.25m, 3.75m), ("Private sector", 2, 2.5m, 2.5m, 2.25m, 2.75m), ("Citizens", 1, 1m, 1m, 1m, 1m)],
            Example.Now.Groups.Select(g => (g.GroupName, g.Statistics.N, g.Statistics.Mean!.Value, g.Statistics.Median!.Value, g.Statistics.Q1!.Value, g.Statistics.Q3!.Value)));
        Assert.Equal(
            [("Local government", 2, 4.5m, 4.5m, 4.25m, 4.75m), ("Private sector", 2, 2.5m, 2.5m, 2.25m, 2.75m), ("Citizens", 2, 3m, 3m, 2.5m, 3.5m)],
            Example.InTwoYears.Groups.Select(g => (g.GroupName, g.Statistics.N, g.Statistics.Mean!.Value, g.Statistics.Median!.Value, g.Statistics.Q1!.Value, g.Statistics.Q3!.Value)));
        Assert.Equal(1, Example.Now.Groups[2].Statistics.DontKnowCount);
        Assert.All(Example.Now.Groups.Concat(Example.InTwoYears.Groups), g => Assert.Equal(ConsensusState.TooFewAnswers, g.Statistics.Consensus));
        Assert.All(Example.Now.Groups.Concat(Example.InTwoYears.Groups), g => Assert.Equal(100m, g.Statistics.AgreementPercent));
    }

    [Fact]
    public void Scores_improvement_target_and_warning()
    {
        Assert.Equal((3m, ScoreSource.Median), (Example.Now.Score, Example.Now.Source));
        Assert.Equal((3.5m, ScoreSource.Median), (Example.InTwoYears.Score, Example.InTwoYears.Source));
        Assert.Equal(0.5m, Example.PlannedImprovement);
        Assert.Equal(MaturityLevel.Improving, Example.Target);
        Assert.Equal(1, Example.PlansRegressCount);

        var other = Summary.Characteristic("2.2.2");
        Assert.Equal((2m, ScoreSource.Consensus), (other.Now.Score, other.Now.Source));
        Assert.Equal((null, ScoreSource.NotRated), (other.InTwoYears.Score, other.InTwoYears.Source));
        Assert.Null(other.PlannedImprovement);
    }

    [Fact]
    public void Perception_gaps()
    {
        var now = Example.Now.PerceptionGap!;
        Assert.Equal([3.5m, 2.5m, 1m], now.GroupMedians.Select(g => g.Median));
        Assert.Equal(2.5m, now.Gap);
        Assert.True(now.IsFlagged);
        Assert.Equal(["Local government"], now.HighestGroups.Select(g => g.GroupName));
        Assert.Equal(["Citizens"], now.LowestGroups.Select(g => g.GroupName));

        var inTwoYears = Example.InTwoYears.PerceptionGap!;
        Assert.Equal([4.5m, 2.5m, 3m], inTwoYears.GroupMedians.Select(g => g.Median));
        Assert.Equal(2m, inTwoYears.Gap);
        Assert.True(inTwoYears.IsFlagged);
        Assert.Equal(["Local government"], inTwoYears.HighestGroups.Select(g => g.GroupName));
        Assert.Equal(["Private sector"], inTwoYears.LowestGroups.Select(g => g.GroupName));
    }

    [Fact]
    public void Summaries()
    {
        Assert.Equal(new AggregatedScore(2.5m, 2, 2), Summary.SubDimension("2.2").Now);
        Assert.Equal(new AggregatedScore(3.5m, 1, 2), Summary.SubDimension("2.2").InTwoYears);
        Assert.Equal(new AggregatedScore(2.5m, 2, 8), Summary.Dimension("2").Now);
        Assert.Equal(new AggregatedScore(3.5m, 1, 8), Summary.Dimension("2").InTwoYears);
        Assert.Equal(new AggregatedScore(null, 0, 12), Summary.Dimension("1").Now);
        Assert.Equal(new OverallIndexOfDimensionMeans(null, null), Summary.OverallIndexOfDimensionMeans);
    }

    [Fact]
    public void Reading_lists()
    {
        Assert.Empty(Summary.Strengths);
        Assert.Equal([new Weakness("2.2.2", 2m, ScoreSource.Consensus)], Summary.Weaknesses);
        Assert.Equal([new GapInPlans("2.2.1", 3.5m, ScoreSource.Median, MaturityLevel.Improving, GapInPlansReason.BelowTarget, 0.5m)], Summary.GapsInPlans);
        Assert.Equal([("2.2.1", RatingView.Now, 2.5m), ("2.2.1", RatingView.InTwoYears, 2m)], Summary.PerceptionGaps.Select(p => (p.CharacteristicCode, p.View, p.Gap)));
    }
}
