using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Tests.Scoring;

namespace CityMaturity.Domain.Tests.Cycles;

/// <summary>Hand-worked cases of docs/methodology.md, "Plan realisation".</summary>
public sealed class PlanRealisationTests
{
    private static readonly DateOnly March2022 = new(2022, 3, 15);

    internal static Cycle CycleOf(Scenario scenario, DateOnly date, string name = "cycle") =>
        new(Guid.NewGuid(), name, date, scenario.Summarise());

    /// <summary>One participant per rating in one group; the scope is the characteristics rated.</summary>
    private static Scenario Rated(params (string Code, string Now, string InTwoYears)[] ratings)
    {
        var scenario = new Scenario();
        var group = scenario.Group("Local government");
        foreach (var (code, now, inTwoYears) in ratings)
        {
            scenario.Rate(group, code, now, inTwoYears);
        }

        return scenario.Scope([.. ratings.Select(r => r.Code).Distinct()]);
    }

    private static PlanRealisationResult Compare(Scenario earlier, Scenario later, DateOnly laterDate) =>
        PlanRealisation.Compare(CycleOf(earlier, March2022), CycleOf(later, laterDate));

    [Theory]
    // Two years apart: the plan itself is expected.
    [InlineData(24, "2", "4", "4", "4", 0, RealisationOutcome.Met)]
    [InlineData(24, "2", "4", "3", "4", -1, RealisationOutcome.Missed)]
    [InlineData(24, "2", "4", "5", "4", 1, RealisationOutcome.Exceeded)]
    // One year: half of the planned change is due (2 + (4 − 2) × 12/24 = 3).
    [InlineData(12, "2", "4", "3", "3", 0, RealisationOutcome.Met)]
    [InlineData(12, "2", "4", "4", "3", 1, RealisationOutcome.Exceeded)]
    // 18 months: 2 + (3 − 2) × 18/24 = 2.75; 3 is within half a level.
    [InlineData(18, "2", "3", "3", "2.75", 0.25, RealisationOutcome.Met)]
    // 6 months: 1 + (3 − 1) × 6/24 = 1.5; staying at 1 misses by half a level.
    [InlineData(6, "1", "3", "1", "1.5", -0.5, RealisationOutcome.Missed)]
    // A planned regression is a plan too: 4 → 2 over two years, and 3 is a level better than planned.
    [InlineData(24, "4", "2", "3", "2", 1, RealisationOutcome.Exceeded)]
    // Three years: capped at the plan, never extrapolated beyond it.
    [InlineData(36, "1", "3", "3", "3", 0, RealisationOutcome.Met)]
    public void Expected_level_is_interpolated_over_24_months_and_capped_at_the_plan(
        int months, string earlierNow, string earlierPlan, string laterNow, string expected, decimal difference, RealisationOutcome outcome)
    {
        var result = Compare(Rated(("1.1.1", earlierNow, earlierPlan)), Rated(("1.1.1", laterNow, "")), March2022.AddMonths(months));

        var judged = Assert.Single(result.Characteristics);
        Assert.Equal(months, result.ElapsedMonths);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), judged.Expected);
        Assert.Equal(difference, judged.Difference);
        Assert.Equal(outcome, judged.Outcome);
        Assert.Empty(result.Excluded);
    }

    [Fact]
    public void Missed_by_and_exceeded_by_say_how_many_levels()
    {
        var missed = Compare(Rated(("1.1.1", "1", "4")), Rated(("1.1.1", "2", "")), March2022.AddYears(2));
        var exceeded = Compare(Rated(("1.1.1", "1", "2")), Rated(("1.1.1", "4", "")), March2022.AddYears(2));

        Assert.Equal(2m, missed.Characteristics[0].MissedBy);
        Assert.Equal(0m, missed.Characteristics[0].ExceededBy);
        Assert.Equal(2m, exceeded.Characteristics[0].ExceededBy);
    }

    [Theory]
    [InlineData("2024-03-14", 23)]
    [InlineData("2024-03-15", 24)]
    [InlineData("2022-04-15", 1)]
    [InlineData("2022-04-14", 0)]
    [InlineData("2025-01-31", 34)]
    public void Elapsed_months_are_whole_calendar_months(string later, int months) =>
        Assert.Equal(months, PlanRealisation.ElapsedMonths(March2022, DateOnly.Parse(later, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_later_cycle_must_be_dated_after_the_earlier_one()
    {
        var error = Assert.Throws<ArgumentException>(() => Compare(Rated(("1.1.1", "2", "3")), Rated(("1.1.1", "3", "")), March2022));
        Assert.Contains("must be dated after", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dont_know_not_rated_and_scope_changes_are_named_and_counted_not_dropped()
    {
        var earlier = Rated(
                ("1.1.1", "2", "DK"),   // the plan was "don't know"
                ("1.1.2", "2", "3"),    // later nobody rated it
                ("1.2.1", "2", "3"),    // later out of scope
                ("1.2.2", "2", "3"))    // judged
            .Scope("1.1.1", "1.1.2", "1.2.1", "1.2.2");
        var later = Rated(("1.1.1", "3", ""), ("1.2.2", "3", ""), ("1.2.3", "3", ""))
            .Scope("1.1.1", "1.1.2", "1.2.2", "1.2.3");   // 1.2.3 is new in scope

        var result = Compare(earlier, later, March2022.AddYears(2));

        Assert.Equal(["1.2.2"], result.Characteristics.Select(c => c.Code));
        Assert.Equal(["1.1.1", "1.1.2", "1.2.1", "1.2.3"], result.Excluded.Select(e => e.Code));
        Assert.Equal(new Exclusion(ExclusionReason.DontKnow, CyclePoint.EarlierInTwoYears), Assert.Single(result.Excluded[0].Reasons));
        Assert.Equal(new Exclusion(ExclusionReason.NotRated, CyclePoint.LaterNow), Assert.Single(result.Excluded[1].Reasons));
        Assert.Equal(new Exclusion(ExclusionReason.OutOfScopeInLater, null), Assert.Single(result.Excluded[2].Reasons));
        Assert.Equal(new Exclusion(ExclusionReason.OutOfScopeInEarlier, null), Assert.Single(result.Excluded[3].Reasons));
        Assert.Equal(1, result.ExcludedWith(ExclusionReason.DontKnow));
        Assert.Equal(1, result.ExcludedWith(ExclusionReason.NotRated));
        Assert.Equal(new RealisationRate(Judged: 1, Met: 1, Exceeded: 0, Missed: 0, Excluded: 4, Percent: 100m), result.Overall);
    }

    [Fact]
    public void Before_two_years_the_earlier_level_now_is_needed_after_two_years_it_is_not()
    {
        var earlier = Rated(("1.1.1", "DK", "3"));
        var later = Rated(("1.1.1", "3", ""));

        var oneYear = Compare(earlier, later, March2022.AddYears(1));
        var threeYears = Compare(earlier, later, March2022.AddYears(3));

        Assert.Equal(new Exclusion(ExclusionReason.DontKnow, CyclePoint.EarlierNow), Assert.Single(Assert.Single(oneYear.Excluded).Reasons));
        var judged = Assert.Single(threeYears.Characteristics);
        Assert.Null(judged.EarlierNow);
        Assert.Equal(RealisationOutcome.Met, judged.Outcome);
    }

    [Fact]
    public void Every_missing_point_is_listed()
    {
        var result = Compare(Rated(("1.1.1", "", "DK")), Rated(("1.1.1", "DK", "")), March2022.AddYears(1));

        Assert.Equal(
            [
                new Exclusion(ExclusionReason.DontKnow, CyclePoint.EarlierInTwoYears),
                new Exclusion(ExclusionReason.NotRated, CyclePoint.EarlierNow),
                new Exclusion(ExclusionReason.DontKnow, CyclePoint.LaterNow),
            ],
            Assert.Single(result.Excluded).Reasons);
    }

    [Fact]
    public void Consensus_in_one_cycle_and_median_in_the_other_each_point_keeps_its_source()
    {
        // Earlier: participants' plans are 2, 3 and 3 (median 3), but the workshop agreed on 4 in two years.
        var earlier = new Scenario();
        var group = earlier.Group("Citizens");
        earlier.Rate(group, "1.1.1", "2", "2").Rate(group, "1.1.1", "2", "3").Rate(group, "1.1.1", "2", "3")
            .Consensus("1.1.1", RatingView.InTwoYears, MaturityLevel.Improving);
        var later = Rated(("1.1.1", "3", ""), ("1.1.1", "4", ""));   // median 3.5, no workshop

        var judged = Assert.Single(Compare(earlier, later, March2022.AddYears(2)).Characteristics);

        Assert.Equal(new ScorePoint(2, ScoreSource.Median), judged.EarlierNow);
        Assert.Equal(new ScorePoint(4, ScoreSource.Consensus), judged.EarlierInTwoYears);
        Assert.Equal(new ScorePoint(3.5m, ScoreSource.Median), judged.LaterNow);
        Assert.Equal(-0.5m, judged.Difference);
        Assert.Equal(RealisationOutcome.Missed, judged.Outcome);
    }

    [Fact]
    public void Realisation_rate_is_met_or_exceeded_over_judged_per_dimension_and_overall()
    {
        // Dimension 1: met, exceeded, missed, excluded (DK). Dimension 2: met. Two years apart.
        var earlier = Rated(("1.1.1", "2", "3"), ("1.1.2", "2", "3"), ("1.2.1", "2", "4"), ("1.2.2", "2", "DK"), ("2.1.1", "1", "2"))
            .Scope("1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1");
        var later = Rated(("1.1.1", "3", ""), ("1.1.2", "5", ""), ("1.2.1", "3", ""), ("1.2.2", "3", ""), ("2.1.1", "2", ""))
            .Scope("1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1");

        var result = Compare(earlier, later, March2022.AddYears(2));

        Assert.Equal(
            [
                new DimensionRealisation("1", new RealisationRate(Judged: 3, Met: 1, Exceeded: 1, Missed: 1, Excluded: 1, Percent: 66.7m)),
                new DimensionRealisation("2", new RealisationRate(Judged: 1, Met: 1, Exceeded: 0, Missed: 0, Excluded: 0, Percent: 100m)),
            ],
            result.Dimensions);
        Assert.Equal(new RealisationRate(Judged: 4, Met: 2, Exceeded: 1, Missed: 1, Excluded: 1, Percent: 75m), result.Overall);
    }

    [Fact]
    public void Nothing_judged_gives_no_rate_not_zero()
    {
        var result = Compare(Rated(("1.1.1", "2", "DK")), Rated(("1.1.1", "3", "")), March2022.AddYears(2));

        Assert.Null(result.Overall.Percent);
        Assert.Equal(1, result.Overall.Excluded);
    }
}
