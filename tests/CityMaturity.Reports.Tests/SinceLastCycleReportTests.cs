using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

public sealed class SinceSample : RenderedReport
{
    public SinceSample()
        : this(SinceLastCycleSample.Build())
    {
    }

    private SinceSample(SinceLastCycleSample.World world)
        : base(world.Report, "since-last-cycle.pdf") => World = world;

    internal SinceLastCycleSample.World World { get; }
}

/// <summary>
/// The "since the last cycle" chapter read back from the PDF (pdftotext) against the domain's own comparisons
/// (<see cref="WhatMoved"/> and <see cref="PlanRealisation"/>): every count, every characteristic under the right
/// heading with both scores and their sources, every plan with its expected level and outcome, every exclusion.
/// </summary>
public class SinceLastCycleReportTests(SinceSample sample) : IClassFixture<SinceSample>
{
    private readonly ReportFormat _format = sample.Format;
    private readonly ReportLabels _labels = sample.Report.Labels;

    private WhatMovedResult Moved => WhatMoved.Compare(sample.World.Previous, sample.World.This);

    private PlanRealisationResult Realisation => PlanRealisation.Compare(sample.World.Previous, sample.World.This);

    /// <summary>The chapter's pages in content order, whitespace removed (table cells wrap, the order stays).</summary>
    private string Chapter
    {
        get
        {
            var first = sample.Layout.Anchor("since-last-cycle").PageIndex + 1;
            var next = sample.Layout.Anchor("dimension-" + sample.Report.Dimensions[0].Code).PageIndex;
            return RenderedReport.Compact(string.Concat(Enumerable.Range(first, next - first + 1).Select(p => sample.Poppler.Text(p, raw: true))));
        }
    }

    private string Heading(string title, int count) => RenderedReport.Compact(_format.Format(_labels.ListCountFormat, title, _format.Count(count)));

    /// <summary>The text between one heading and the next.</summary>
    private string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{from}' is not in the chapter.");
        var end = text.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        Assert.True(end > start, $"'{to}' does not follow '{from}'.");
        return text[(start + from.Length)..end];
    }

    private string Scored(ScorePoint point) =>
        _format.Score(point.Score) + BaselineReportBuilder.SourceText(point.Source, _labels);

    [Fact]
    public void The_sample_has_every_kind_of_row_so_the_checks_below_check_something()
    {
        Assert.True(Moved.Count(Movement.Improved) > 0 && Moved.Count(Movement.Regressed) > 0 && Moved.Count(Movement.Unchanged) > 0);
        Assert.All(Enum.GetValues<RealisationOutcome>(), o => Assert.Contains(Realisation.Characteristics, r => r.Outcome == o));
        Assert.Contains(Realisation.Characteristics, r => r.EarlierInTwoYears.Source == Domain.Scoring.ScoreSource.Consensus);
        Assert.Equal(18, Realisation.ElapsedMonths);
    }

    [Fact]
    public void The_counts_are_the_domains_and_each_characteristic_is_listed_under_its_movement_with_sources()
    {
        var moved = Moved;
        var chapter = Chapter;
        var counts = _format.Format(
            _labels.MovedCountsFormat,
            moved.Count(Movement.Improved), moved.Count(Movement.Regressed), moved.Count(Movement.Unchanged),
            moved.Characteristics.Count, moved.Excluded.Count);
        Assert.Contains(RenderedReport.Compact(counts), chapter);
        Assert.Contains(RenderedReport.Compact(_format.Format(_labels.SpreadCountsFormat, moved.Count(SpreadChange.Converged), moved.Count(SpreadChange.Diverged))), chapter);

        var improved = Heading(_labels.Improved, moved.Count(Movement.Improved));
        var regressed = Heading(_labels.Regressed, moved.Count(Movement.Regressed));
        var unchanged = Heading(_labels.Unchanged, moved.Count(Movement.Unchanged));
        var notCompared = Heading(_labels.NotCompared, moved.Excluded.Count);
        var lists = new Dictionary<Movement, string>
        {
            [Movement.Improved] = Between(chapter, improved, regressed),
            [Movement.Regressed] = Between(chapter, regressed, unchanged),
            [Movement.Unchanged] = Between(chapter, unchanged, notCompared),
        };
        foreach (var row in moved.Characteristics)
        {
            var title = SinceLastCycleSample.Catalogue.GetCharacteristic(row.Code).Title;
            var expected = RenderedReport.Compact(row.Code + title + Scored(row.Earlier) + Scored(row.Later) + _format.Change(row.Change));
            Assert.Contains(expected, lists[row.Movement]);
            foreach (var other in lists.Where(l => l.Key != row.Movement))
            {
                Assert.DoesNotContain(RenderedReport.Compact(row.Code + title), other.Value);
            }
        }

        var excludedText = Between(chapter, notCompared, RenderedReport.Compact(_labels.PlanRealisation));
        Assert.Equal(3, moved.Excluded.Count); // 4.4 and 4.5 are each in one scope only; 3.1.1 is "don't know" now
        Assert.Contains(RenderedReport.Compact(SinceLastCycleSample.OnlyInThis + SinceLastCycleSample.Catalogue.GetCharacteristic(SinceLastCycleSample.OnlyInThis).Title + ":" + _labels.ExclusionNotInPreviousScope), excludedText);
        Assert.Contains(RenderedReport.Compact(SinceLastCycleSample.OnlyInPrevious + SinceLastCycleSample.Catalogue.GetCharacteristic(SinceLastCycleSample.OnlyInPrevious).Title + ":" + _labels.ExclusionNotInThisScope), excludedText);
    }

    [Fact]
    public void The_realisation_rate_expected_levels_and_outcomes_are_the_domains()
    {
        var realisation = Realisation;
        var chapter = Chapter;
        var overall = realisation.Overall;
        var rate = _format.Format(
            _labels.RealisationRateFormat, _format.Percentage(overall.Percent), overall.Met, overall.Exceeded, overall.Missed, overall.Judged, overall.Excluded);
        Assert.Contains(RenderedReport.Compact(rate), chapter);
        Assert.Contains(RenderedReport.Compact(_format.Format(_labels.RealisationIntroFormat, 18, "75%")), chapter);

        foreach (var dimension in realisation.Dimensions)
        {
            var title = SinceLastCycleSample.Catalogue.GetDimension(dimension.DimensionCode).Title;
            Assert.Contains(RenderedReport.Compact(
                dimension.DimensionCode + title + _format.Percentage(dimension.Rate.Percent) + dimension.Rate.Met + dimension.Rate.Exceeded + dimension.Rate.Missed + dimension.Rate.Excluded), chapter);
        }

        var plans = Between(chapter, RenderedReport.Compact(_labels.Outcome), Heading(_labels.NotJudged, realisation.Excluded.Count));
        foreach (var row in realisation.Characteristics)
        {
            var outcome = row.Outcome switch
            {
                RealisationOutcome.Met => _labels.MetOutcome,
                RealisationOutcome.Exceeded => _format.Format(_labels.ExceededByFormat, _format.Precise(row.ExceededBy)),
                RealisationOutcome.Missed => _format.Format(_labels.MissedByFormat, _format.Precise(row.MissedBy)),
            };
            Assert.Contains(RenderedReport.Compact(
                row.Code + SinceLastCycleSample.Catalogue.GetCharacteristic(row.Code).Title + Scored(row.EarlierNow!) + Scored(row.EarlierInTwoYears)
                + _format.Precise(row.Expected) + Scored(row.LaterNow) + outcome), plans);
        }

        var notJudged = chapter[(chapter.IndexOf(Heading(_labels.NotJudged, realisation.Excluded.Count), StringComparison.Ordinal))..];
        foreach (var excluded in realisation.Excluded)
        {
            var reasons = string.Join("; ", excluded.Reasons.Select(r => ReasonText(r)));
            Assert.Contains(RenderedReport.Compact(excluded.Code + SinceLastCycleSample.Catalogue.GetCharacteristic(excluded.Code).Title + ":" + reasons), notJudged);
        }

        Assert.Contains(realisation.Excluded, e => e.Code == SinceLastCycleSample.DontKnowNow && e.Has(ExclusionReason.DontKnow));
        Assert.Contains(realisation.Excluded, e => e.Code == SinceLastCycleSample.NoPlan && e.Has(ExclusionReason.DontKnow));
    }

    [Fact]
    public void The_chapter_is_in_the_contents_and_stays_inside_the_margins()
    {
        var contents = RenderedReport.Compact(sample.Poppler.Text(2));
        Assert.Contains(RenderedReport.Compact(_labels.SinceLastCycle), contents);
        Assert.Contains(RenderedReport.Compact(_labels.PlanRealisation), contents);
        LayoutAssert.NothingPastTheMargins(sample.Layout);
    }

    private string ReasonText(Exclusion exclusion) => exclusion.Reason switch
    {
        ExclusionReason.OutOfScopeInEarlier => _labels.ExclusionNotInPreviousScope,
        ExclusionReason.OutOfScopeInLater => _labels.ExclusionNotInThisScope,
        ExclusionReason.DontKnow => _format.Format(_labels.ExclusionDontKnowFormat, Point(exclusion.Point)),
        ExclusionReason.NotRated => _format.Format(_labels.ExclusionNotRatedFormat, Point(exclusion.Point)),
    };

    private string Point(CyclePoint? point) => point switch
    {
        CyclePoint.EarlierNow => _labels.PointPreviousNow,
        CyclePoint.EarlierInTwoYears => _labels.PointPreviousPlan,
        _ => _labels.PointThisNow,
    };
}
