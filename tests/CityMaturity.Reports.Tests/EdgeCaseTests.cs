using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

public class EdgeCaseTests
{
    [Fact]
    public void A_report_with_nothing_in_it_still_renders_every_chapter()
    {
        var report = new BaselineReport(
            new ReportMetadata("", "", "", new DateOnly(2026, 1, 1), "", "", [], "en", DateTimeOffset.UnixEpoch),
            new ExecutiveSummary([], [], [], [], []),
            [new DimensionSection(new DimensionScore("1", "", null, null, 0, 0, 0), "", [], [])],
            [],
            [],
            new NextSteps("", []),
            new ReportAppendix([], [], []));

        using var stream = new MemoryStream();
        BaselineReportRenderer.Render(report, stream, out var layout);
        using var poppler = Poppler.For(stream.ToArray());

        var text = poppler.Text();
        Assert.Contains(report.Labels.NoPerceptionGaps, text);
        Assert.Contains(report.Labels.NoPlanGaps, text);
        Assert.Contains(report.Labels.NoConsensusDecisions, text);
        Assert.Equal(layout.Pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), poppler.Info()["Pages"]);
        Assert.Equal("community-assessment-baseline-2026-01-01.pdf", ReportFileName.For(report));
        LayoutAssert.NothingPastTheMargins(layout);
    }

    [Fact]
    public void Radar_charts_need_three_axes_fewer_are_drawn_as_bars()
    {
        var baseline = SampleReports.Baseline();
        var two = baseline with { Summary = baseline.Summary with { Radar = [.. baseline.Summary.Radar.Take(2)] } };
        var layout = BaselineReportRenderer.Layout(two);
        var summary = layout.Pages[layout.Anchor("summary").PageIndex];
        Assert.DoesNotContain(summary.Items.OfType<Layout.PolygonItem>(), p => p.Points.Count == 2 && p.Closed);
        Assert.Contains(summary.TextRuns, r => r.Text == two.Summary.Radar[1].Code);
        LayoutAssert.NothingPastTheMargins(layout);
    }

    [Fact]
    public void Rendering_from_several_threads_at_once_gives_the_same_reports()
    {
        var report = SampleReports.Baseline();
        var results = new (int Pages, int Runs)[6];
        Parallel.For(0, results.Length, i =>
        {
            using var stream = new MemoryStream();
            BaselineReportRenderer.Render(report, stream, out var layout);
            results[i] = (layout.Pages.Count, layout.TextRuns.Count());
        });
        Assert.Single(results.Distinct());
    }
}
