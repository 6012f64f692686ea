using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Tests.Scoring;

namespace CityMaturity.Domain.Tests.Cycles;

public sealed class SeriesTrendTests
{
    [Fact]
    public void Lines_follow_the_cycles_in_date_order_with_scope_sources_and_k_of_m()
    {
        var first = new Scenario();
        var g1 = first.Group("A");
        first.RateNow(g1, "1.1.1", "1").RateNow(g1, "1.1.2", "2").Scope("1.1.1", "1.1.2");
        var second = new Scenario();
        var g2 = second.Group("A");
        second.RateNow(g2, "1.1.1", "2", "3").Scope("1.1.1", "1.1.2", "1.2.1");   // 1.1.2 not rated, 1.2.1 new and unrated
        var third = new Scenario();
        var g3 = third.Group("A");
        third.RateNow(g3, "1.1.1", "4").RateNow(g3, "1.1.2", "3").Scope("1.1.1", "1.1.2");

        var cycles = new[]
        {
            PlanRealisationTests.CycleOf(third, new DateOnly(2026, 5, 1), "2026"),
            PlanRealisationTests.CycleOf(first, new DateOnly(2022, 5, 1), "2022"),
            PlanRealisationTests.CycleOf(second, new DateOnly(2024, 5, 1), "2024"),
        };

        var trend = SeriesTrend.Of(Scenario.Catalogue, cycles);

        Assert.Equal(["2022", "2024", "2026"], trend.Cycles.Select(c => c.Name));
        Assert.Equal(["1.1.1", "1.1.2", "1.2.1"], trend.Characteristics.Select(l => l.Code));
        Assert.Equal([1m, 2.5m, 4m], trend.Characteristics[0].Points.Select(p => p.Score));
        Assert.Equal(3m, trend.Characteristics[0].ChangeOverSeries);
        Assert.Equal(
            [new TrendPoint(cycles[1].AssessmentId, new(2022, 5, 1), false, null, null, 0, 0),
             new TrendPoint(cycles[2].AssessmentId, new(2024, 5, 1), true, null, null, 0, 1),
             new TrendPoint(cycles[0].AssessmentId, new(2026, 5, 1), false, null, null, 0, 0)],
            trend.Characteristics[2].Points);
        Assert.Equal(ScoreSource.Median, trend.Characteristics[1].Points[0].Source);
        Assert.Null(trend.Characteristics[1].Points[1].Source);

        // Sub-dimension 1.1 is the mean of its rated characteristics: (1 + 2) / 2, 2.5 (1 of 2), (4 + 3) / 2.
        var subDimension = trend.SubDimensions.Single(l => l.Code == "1.1");
        Assert.Equal([1.5m, 2.5m, 3.5m], subDimension.Points.Select(p => p.Score));
        Assert.Equal([2, 1, 2], subDimension.Points.Select(p => p.Rated));
        Assert.Equal(["1"], trend.Dimensions.Select(l => l.Code));
    }

    [Fact]
    public void The_in_two_years_view_follows_each_cycles_plans_with_their_sources()
    {
        var first = new Scenario();
        var a = first.Group("A");
        first.Rate(a, "1.1.1", "1", "3").Rate(a, "1.1.2", "2", "dk").Scope("1.1.1", "1.1.2");
        var second = new Scenario();
        var b = second.Group("A");
        second.Rate(b, "1.1.1", "3", "2").Rate(b, "1.1.2", "2", "4")
            .Consensus("1.1.1", Domain.Assessments.RatingView.InTwoYears, Domain.Catalogue.MaturityLevel.SustainablyOptimising).Scope("1.1.1", "1.1.2");
        var cycles = new[] { PlanRealisationTests.CycleOf(first, new DateOnly(2022, 5, 1)), PlanRealisationTests.CycleOf(second, new DateOnly(2024, 5, 1)) };

        var plans = SeriesTrend.Of(Scenario.Catalogue, cycles, Domain.Assessments.RatingView.InTwoYears);

        Assert.Equal([3m, 5m], plans.Characteristics[0].Points.Select(p => p.Score));
        Assert.Equal([ScoreSource.Median, ScoreSource.Consensus], plans.Characteristics[0].Points.Select(p => p.Source!.Value));
        Assert.Equal([null, 4m], plans.Characteristics[1].Points.Select(p => p.Score));
        // Sub-dimension 1.1 in two years: 3 (1 of 2 rated), then (5 + 4) / 2 = 4.5 (2 of 2).
        Assert.Equal([(3m, 1), (4.5m, 2)], plans.SubDimensions.Single().Points.Select(p => (p.Score!.Value, p.Rated)));
        // The level now of the same cycles is untouched by the view.
        Assert.Equal([1m, 3m], SeriesTrend.Of(Scenario.Catalogue, cycles).Characteristics[0].Points.Select(p => p.Score));
    }
}
