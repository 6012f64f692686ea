using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Tests.Scoring;

namespace CityMaturity.Domain.Tests.Cycles;

public sealed class GroupTrendTests
{
    [Fact]
    public void Each_group_is_the_mean_of_its_own_medians_matched_by_name_across_cycles()
    {
        // 2022: Council rates 1.1.1 at 2 and 4 (median 3) and 1.1.2 at 2: mean 2.5; Residents only "don't know".
        var first = new Scenario();
        var council = first.Group("Council");
        var residents = first.Group("Residents");
        first.Rate(council, "1.1.1", "2", "3").Rate(council, "1.1.1", "4", "5").Rate(council, "1.1.2", "2", "4")
            .Rate(residents, "1.1.1", "dk", "dk").Scope("1.1.1", "1.1.2");

        // 2024: the group is copied as " council" (case and spaces aside, the same); Businesses is new; a consensus of 5
        // on 1.1.1 is the room's decision and leaves the groups' own medians alone.
        var second = new Scenario();
        var councilAgain = second.Group(" council");
        var businesses = second.Group("Businesses");
        second.Rate(councilAgain, "1.1.1", "3", "4").Rate(councilAgain, "1.1.2", "4", "4").Rate(businesses, "1.1.2", "1", "2")
            .Consensus("1.1.1", RatingView.Now, MaturityLevel.SustainablyOptimising).Scope("1.1.1", "1.1.2");

        var cycles = new[]
        {
            PlanRealisationTests.CycleOf(second, new DateOnly(2024, 6, 1), "2024"),
            PlanRealisationTests.CycleOf(first, new DateOnly(2022, 6, 1), "2022"),
        };

        var now = GroupTrend.Of(cycles);

        Assert.Equal(["Council", "Residents", "Businesses"], now.Select(l => l.Code));
        Assert.Equal([2.5m, 3.5m], now[0].Points.Select(p => p.Score));
        Assert.Equal([(2, 2), (2, 2)], now[0].Points.Select(p => (p.Rated, p.Total)));
        Assert.Equal(1m, now[0].ChangeOverSeries);
        Assert.Equal(new TrendPoint(cycles[1].AssessmentId, new(2022, 6, 1), true, null, null, 0, 2), now[1].Points[0]);
        Assert.False(now[1].Points[1].InScope);
        Assert.False(now[2].Points[0].InScope);
        Assert.Equal((1m, 1, 2), (now[2].Points[1].Score!.Value, now[2].Points[1].Rated, now[2].Points[1].Total));

        // In two years, Council: 2022 medians 4 (of 3 and 5) and 4 → 4; 2024 medians 4 and 4 → 4. Businesses: 2.
        var plans = GroupTrend.Of(cycles, RatingView.InTwoYears);
        Assert.Equal([4m, 4m], plans[0].Points.Select(p => p.Score));
        Assert.Equal(2m, plans[2].Points[1].Score);
    }
}
