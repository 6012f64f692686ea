using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Tests.Cycles;
using CityMaturity.Domain.Tests.Scoring;

namespace CityMaturity.Domain.Tests.Reporting;

/// <summary>The report's "since the last cycle" model carries the domain's comparisons whole: no list shortened, no figure redone.</summary>
public sealed class SinceLastCycleBuilderTests
{
    private static readonly DateOnly Earlier = new(2024, 6, 1);
    private static readonly DateOnly Later = new(2026, 6, 1);

    private static (Cycle Previous, Assessment Assessment, Scenario This) World(DateOnly thisDate)
    {
        var previous = new Scenario();
        var p = previous.Group("Council");
        previous.Rate(p, "1.1.1", "1", "3").Rate(p, "1.1.2", "3", "4").Rate(p, "1.2.2", "2", "2").Rate(p, "1.2.1", "dk", "dk").Scope("1.1.1", "1.1.2", "1.2.2", "1.2.1");
        var current = new Scenario();
        var c = current.Group("Council");
        current.Rate(c, "1.1.1", "3", "4").Rate(c, "1.1.2", "2", "3").Rate(c, "1.2.2", "2", "3").Rate(c, "1.2.1", "2", "3").Rate(c, "2.1.1", "2", "3")
            .Consensus("1.1.2", RatingView.Now, MaturityLevel.Initial)
            .Scope("1.1.1", "1.1.2", "1.2.2", "1.2.1", "2.1.1");
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), Name = "2026", Community = "Testville", Purpose = "evaluation",
            Method = AssessmentMethod.MultiStakeholder, Status = AssessmentStatus.Closed, Scope = ["1.1.1", "1.1.2", "1.2.2", "1.2.1", "2.1.1"],
            CreatedAt = DateTimeOffset.UnixEpoch, Deadline = thisDate,
        };
        return (PlanRealisationTests.CycleOf(previous, Earlier, "2024"), assessment, current);
    }

    private static BaselineReport Report(Cycle? previous, Assessment assessment, Scenario current) =>
        BaselineReportBuilder.Build(assessment, [], [], current.Summarise(), ParticipantResponses.None, "Org", Scenario.Catalogue, DateTimeOffset.UnixEpoch, previousCycle: previous);

    [Fact]
    public void Without_a_predecessor_there_is_no_chapter()
    {
        var (_, assessment, current) = World(Later);
        Assert.Null(Report(null, assessment, current).SinceLastCycle);
    }

    [Fact]
    public void The_lists_are_the_domains_comparisons_in_full_each_score_with_its_source()
    {
        var (previous, assessment, current) = World(Later);
        var since = Report(previous, assessment, current).SinceLastCycle!;
        var comparison = since.Comparison!;
        var thisCycle = new Cycle(assessment.Id, assessment.Name, Later, current.Summarise());
        var moved = WhatMoved.Compare(previous, thisCycle);
        var realisation = PlanRealisation.Compare(previous, thisCycle);

        Assert.Equal(("2024", Earlier, Later), (since.PreviousName, since.PreviousDate, since.Date));
        Assert.Equal(["1.1.1"], comparison.Improved.Select(m => m.Code));
        Assert.Equal(["1.1.2"], comparison.Regressed.Select(m => m.Code));
        Assert.Equal(["1.2.2"], comparison.Unchanged.Select(m => m.Code));
        Assert.Equal(moved.Characteristics.Count, comparison.ComparedCount);
        Assert.Equal(
            [("1.2.1", "only “don't know” for the previous level now"), ("2.1.1", "not in the previous cycle's scope")],
            comparison.NotCompared.Select(n => (n.Code, string.Join("; ", n.Reasons))));
        Assert.Equal(new SourcedScore(1, "Consensus"), comparison.Regressed[0].Now);
        Assert.Equal(new SourcedScore(3, "Median"), comparison.Regressed[0].Previous);
        Assert.Equal(-2m, comparison.Regressed[0].Change);

        Assert.Equal(24, comparison.ElapsedMonths);
        Assert.Equal(realisation.Characteristics.Select(r => (r.Code, r.Expected, r.Outcome)), comparison.Realisation.Select(r => (r.Code, r.Expected, r.Outcome)));
        Assert.Equal(
            (realisation.Overall.Judged, realisation.Overall.Met, realisation.Overall.Exceeded, realisation.Overall.Missed, realisation.Overall.Excluded, realisation.Overall.Percent),
            (comparison.Overall.Judged, comparison.Overall.Met, comparison.Overall.Exceeded, comparison.Overall.Missed, comparison.Overall.NotJudged, comparison.Overall.Percent));
        Assert.Equal(["1", "2"], comparison.Dimensions.Select(d => d.Code));
        Assert.Equal(realisation.Excluded.Select(e => e.Code), comparison.NotJudged.Select(n => n.Code));
    }

    [Fact]
    public void A_predecessor_not_dated_earlier_gives_the_chapter_without_figures()
    {
        var (previous, assessment, current) = World(Earlier);
        var since = Report(previous, assessment, current).SinceLastCycle!;
        Assert.Null(since.Comparison);
        Assert.Equal((Earlier, Earlier), (since.PreviousDate, since.Date));
    }
}
