using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Tests.Scoring;

namespace CityMaturity.Domain.Tests.Cycles;

public sealed class WhatMovedTests
{
    private static readonly DateOnly Earlier = new(2022, 6, 1);
    private static readonly DateOnly Later = new(2024, 6, 1);

    private static WhatMovedResult Compare(Scenario earlier, Scenario later) =>
        WhatMoved.Compare(PlanRealisationTests.CycleOf(earlier, Earlier), PlanRealisationTests.CycleOf(later, Later));

    [Fact]
    public void Level_now_improved_regressed_or_unchanged_with_the_change_and_sources()
    {
        var earlier = new Scenario();
        var a = earlier.Group("A");
        earlier.RateNow(a, "1.1.1", "2").RateNow(a, "1.1.2", "3").RateNow(a, "1.2.1", "3").RateNow(a, "1.2.2", "2", "3");
        earlier.Scope("1.1.1", "1.1.2", "1.2.1", "1.2.2");
        var later = new Scenario();
        var b = later.Group("A");
        later.RateNow(b, "1.1.1", "4").RateNow(b, "1.1.2", "2").RateNow(b, "1.2.1", "3")
            .Consensus("1.2.2", Domain.Assessments.RatingView.Now, MaturityLevel.Fulfilled);
        later.Scope("1.1.1", "1.1.2", "1.2.1", "1.2.2");

        var result = Compare(earlier, later);

        Assert.Equal(
            [("1.1.1", 2m, Movement.Improved), ("1.1.2", -1m, Movement.Regressed), ("1.2.1", 0m, Movement.Unchanged), ("1.2.2", 0.5m, Movement.Improved)],
            result.Characteristics.Select(c => (c.Code, c.Change, c.Movement)));
        Assert.Equal(new ScorePoint(2.5m, ScoreSource.Median), result.Characteristics[3].Earlier);
        Assert.Equal(new ScorePoint(3, ScoreSource.Consensus), result.Characteristics[3].Later);
        Assert.Equal(2, result.Count(Movement.Improved));
        Assert.Equal(1, result.Count(Movement.Regressed));
        Assert.Equal(1, result.Count(Movement.Unchanged));
    }

    [Fact]
    public void Groups_converge_when_their_medians_lie_closer_together()
    {
        var earlier = new Scenario();
        var (gov, citizens) = (earlier.Group("Local government"), earlier.Group("Citizens"));
        earlier.RateNow(gov, "1.1.1", "4").RateNow(citizens, "1.1.1", "1");   // spread 3
        earlier.RateNow(gov, "1.1.2", "3").RateNow(citizens, "1.1.2", "3");   // spread 0
        earlier.RateNow(gov, "1.2.1", "3").RateNow(citizens, "1.2.1", "2");   // spread 1
        earlier.RateNow(gov, "1.2.2", "3");                                   // one group only
        earlier.Scope("1.1.1", "1.1.2", "1.2.1", "1.2.2");
        var later = new Scenario();
        var (gov2, citizens2) = (later.Group("Local government"), later.Group("Citizens"));
        later.RateNow(gov2, "1.1.1", "4").RateNow(citizens2, "1.1.1", "3");   // spread 1: converged by 2
        later.RateNow(gov2, "1.1.2", "4").RateNow(citizens2, "1.1.2", "2");   // spread 2: diverged by 2
        later.RateNow(gov2, "1.2.1", "4").RateNow(citizens2, "1.2.1", "3");   // spread 1: unchanged
        later.RateNow(gov2, "1.2.2", "3").RateNow(citizens2, "1.2.2", "3");
        later.Scope("1.1.1", "1.1.2", "1.2.1", "1.2.2");

        var result = Compare(earlier, later);

        Assert.Equal(new GroupSpread(3, 1, -2, SpreadChange.Converged), result.Characteristics[0].Spread);
        Assert.Equal(new GroupSpread(0, 2, 2, SpreadChange.Diverged), result.Characteristics[1].Spread);
        Assert.Equal(new GroupSpread(1, 1, 0, SpreadChange.Unchanged), result.Characteristics[2].Spread);
        Assert.Null(result.Characteristics[3].Spread);
        Assert.Equal(1, result.Count(SpreadChange.Converged));
        Assert.Equal(1, result.Count(SpreadChange.Diverged));
        Assert.Equal(1, result.SpreadNotComparable);
    }

    [Fact]
    public void Unrated_and_out_of_scope_characteristics_are_listed_with_their_reasons()
    {
        var earlier = new Scenario();
        var a = earlier.Group("A");
        earlier.RateNow(a, "1.1.1", "DK").RateNow(a, "1.1.2", "2");
        earlier.Scope("1.1.1", "1.1.2");
        var later = new Scenario();
        var b = later.Group("A");
        later.RateNow(b, "1.1.1", "3").RateNow(b, "1.2.1", "3");
        later.Scope("1.1.1", "1.2.1");

        var result = Compare(earlier, later);

        Assert.Empty(result.Characteristics);
        Assert.Equal(
            [
                ("1.1.1", new Exclusion(ExclusionReason.DontKnow, CyclePoint.EarlierNow)),
                ("1.1.2", new Exclusion(ExclusionReason.OutOfScopeInLater, null)),
                ("1.2.1", new Exclusion(ExclusionReason.OutOfScopeInEarlier, null)),
            ],
            result.Excluded.Select(e => (e.Code, Assert.Single(e.Reasons))));
    }
}
