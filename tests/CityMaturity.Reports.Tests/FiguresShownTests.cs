using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Tests;

/// <summary>
/// The report says exactly what its figures are (issue 19, and the report part of issue 14): each view's own rated
/// count, shortfalls and "expect decline" counts, full lists with the counts the text gives, IQR with its decimals,
/// not-rated spokes left out of the radar rather than drawn at 0, and a tagged PDF.
/// </summary>
public class FiguresShownTests(BaselineSample sample) : IClassFixture<BaselineSample>
{
    private readonly ReportFormat _format = sample.Format;

    private string Rated(int rated, int total) => _format.Format(sample.Report.Labels.RatedFormat, _format.Count(rated), _format.Count(total));

    private string PagesOf(string anchorKey, string? nextAnchorKey)
    {
        var first = sample.Layout.Anchor(anchorKey).PageIndex + 1;
        var last = nextAnchorKey is null ? sample.Layout.Pages.Count : sample.Layout.Anchor(nextAnchorKey).PageIndex;
        return string.Concat(Enumerable.Range(first, Math.Max(1, last - first + 1)).Select(p => sample.Poppler.Text(p)));
    }

    [Fact]
    public void Each_dimension_shows_the_rated_count_of_each_view_beside_that_views_score()
    {
        var differing = sample.Report.Dimensions.Where(d => d.Score.RatedNow != d.Score.RatedInTwoYears).ToList();
        Assert.NotEmpty(differing); // 3.2.2 is rated now but not in two years

        var summaryText = sample.Poppler.Text(sample.Layout.Anchor("summary").PageIndex + 1);
        foreach (var section in sample.Report.Dimensions)
        {
            var page = sample.Layout.Pages[sample.Layout.Anchor("dimension-" + section.Code).PageIndex];
            var chapter = sample.Poppler.Text(page.Number);
            var now = Rated(section.Score.RatedNow, section.Score.CharacteristicCount);
            var later = Rated(section.Score.RatedInTwoYears, section.Score.CharacteristicCount);
            Assert.Contains(now, chapter);
            Assert.Contains(later, chapter);
            Assert.Contains(now, summaryText);
            Assert.Contains(later, summaryText);

            // On the chapter's cards each count is the first line under its own score.
            Assert.Equal((_format.Score(section.Score.Now), now), CardLines(page, 0));
            Assert.Equal((_format.Score(section.Score.InTwoYears), later), CardLines(page, 1));
        }
    }

    /// <summary>A chapter card's figure (16 pt, cards left to right) and the first line under it in its column.</summary>
    private static (string Figure, string Under) CardLines(LayoutPage page, int card)
    {
        var big = page.TextRuns.Where(r => r.Font.Size == 16).OrderBy(r => r.X).ElementAt(card);
        var under = page.TextRuns
            .Where(r => Math.Abs(r.X - big.X) < 0.5 && r.Baseline > big.Baseline)
            .OrderBy(r => r.Baseline)
            .First();
        return (big.Text, under.Text);
    }

    [Fact]
    public void Gaps_print_their_shortfall_and_rows_the_participants_who_expect_decline()
    {
        var gaps = PagesOf("plan-gaps", "appendix");
        var shortBy = $"{sample.Report.Labels.ShortfallLabel} {_format.Score(SampleReports.SampleShortfall)}";
        Assert.Equal(sample.Report.PlanGaps.Count, CountOf(gaps, shortBy));

        var summary = sample.Poppler.Text(sample.Layout.Anchor("summary").PageIndex + 1);
        Assert.Contains(_format.Format(sample.Report.Labels.ShortByFormat, _format.Score(SampleReports.SampleShortfall)), summary);

        var regressing = sample.Report.Dimensions.SelectMany(d => d.Characteristics).Where(c => c.PlansRegressCount > 0).ToList();
        Assert.NotEmpty(regressing);
        var text = RenderedReport.Compact(sample.Poppler.Text());
        foreach (var row in regressing)
        {
            Assert.Contains(RenderedReport.Compact(_format.Format(sample.Report.Labels.ExpectDeclineFormat, _format.Count(row.PlansRegressCount))), text);
        }
    }

    [Fact]
    public void Every_list_the_text_counts_is_there_in_full_with_that_count()
    {
        var labels = sample.Report.Labels;
        var report = sample.Report;

        // The summary shows three weaknesses and says so; the appendix lists all of them under the same count.
        Assert.True(report.WeaknessesInFull.Count > report.Summary.Weaknesses.Count);
        var summary = sample.Poppler.Text(sample.Layout.Anchor("summary").PageIndex + 1);
        Assert.Contains(_format.Format(labels.ListCountFormat, labels.Weaknesses, report.Summary.WeaknessCount), summary);
        Assert.Contains(RenderedReport.Compact(_format.Format(labels.HighlightsShownFormat, report.Summary.Weaknesses.Count, report.WeaknessesInFull.Count)), RenderedReport.Compact(summary));

        Assert.Contains(RenderedReport.Compact(_format.Format(labels.PlanGapsShownFormat, report.Summary.PlanGaps.Count, report.Summary.PlanGapCount)), RenderedReport.Compact(summary));
        Assert.Equal(report.Summary.PlanGapCount, report.PlanGaps.Count); // all of them are in their chapter

        var appendix = PagesOf("appendix-strengths-weaknesses", "appendix-levels");
        Assert.Contains(_format.Format(labels.ListCountFormat, labels.AllWeaknesses, report.WeaknessesInFull.Count), appendix);
        Assert.Contains(_format.Format(labels.ListCountFormat, labels.AllStrengths, report.StrengthsInFull.Count), appendix);
        Assert.All(report.WeaknessesInFull.Concat(report.StrengthsInFull), w => Assert.Contains(w.Code + " ", appendix));

        // Perception gaps: the count line names views and characteristics, and there is one row per view.
        var perception = RenderedReport.Compact(PagesOf("perception-gaps", "plan-gaps"));
        var characteristics = report.PerceptionGaps.Select(g => g.CharacteristicCode).Distinct().Count();
        Assert.Contains(RenderedReport.Compact(_format.Format(labels.PerceptionGapsCountFormat, report.PerceptionGaps.Count, characteristics)), perception);
        Assert.All(report.PerceptionGaps, g => Assert.Contains(RenderedReport.Compact(g.CharacteristicCode + " " + g.CharacteristicTitle), perception));

        // Participation says who started and who finished, not "responses".
        var cover = sample.Poppler.Text(1);
        Assert.Contains(labels.Started, cover);
        Assert.Contains(labels.Finished, cover);
        Assert.DoesNotContain("Responses", cover);
        Assert.Matches($@"{labels.Total}\s+{report.Metadata.ParticipantCount}\s+{report.Metadata.StartedCount}\s+{report.Metadata.FinishedCount}\s+{_format.Percent(report.Metadata.FinishedRate)}", sample.Poppler.Text(1, layout: true));
    }

    [Fact]
    public void The_interquartile_range_keeps_its_second_decimal()
    {
        Assert.Equal("0.25", _format.Spread(0.25m));
        Assert.Equal("0.75", _format.Spread(0.75m));
        Assert.Equal("0.5", _format.Spread(0.5m));
        Assert.Equal("1.0", _format.Spread(1m));
        Assert.Equal(ReportFormat.NoValue, _format.Spread(null));

        Assert.Contains(sample.Report.Dimensions.SelectMany(d => d.Characteristics), c => c.InterquartileRange == 0.25m);
        Assert.Contains(sample.Layout.TextRuns, r => r.Text == "0.25");
        Assert.Contains(sample.Layout.TextRuns, r => r.Text == "0.75");
        Assert.DoesNotContain(sample.Layout.TextRuns, r => r.Text is "0.3" or "0.8"); // what one decimal made of 0.25 and 0.75
    }

    [Fact]
    public void A_sub_dimension_nobody_rated_in_two_years_leaves_a_gap_in_the_radar_not_a_point_at_the_centre()
    {
        var report = SampleReports.Baseline();
        var missing = report.Summary.Radar[5].Code;
        var radar = report.Summary.Radar.Select((a, i) => i == 5 ? a with { InTwoYears = null } : a).ToList();
        report = report with { Summary = report.Summary with { Radar = radar } };

        var layout = BaselineReportRenderer.Layout(report);
        var page = layout.Pages[layout.Anchor("summary").PageIndex];

        // The spokes all start at the centre; their length is the radius (level 5).
        var spokes = page.Items.OfType<LineItem>().GroupBy(l => (Math.Round(l.From.X, 3), Math.Round(l.From.Y, 3))).Single(g => g.Count() == radar.Count).ToList();
        var centre = spokes[0].From;
        var radius = Distance(centre, spokes[0].To);

        var inTwoYears = page.Items.OfType<PolygonItem>().Where(p => p.Dash == LineDash.Dashed && p.StrokeWidth >= 1.2).ToList();
        Assert.NotEmpty(inTwoYears);
        Assert.DoesNotContain(inTwoYears, p => p.Closed); // the outline breaks at the missing spoke
        var closest = inTwoYears.SelectMany(p => p.Points).Min(p => Distance(centre, p));
        Assert.True(closest >= (radius / 5) - 0.01, $"A point of the 'in two years' series lies {closest:0.0} pt from the centre, inside level 1 ({radius / 5:0.0} pt).");

        // Its marker is missing too, and the chart says which spoke is not rated.
        var triangles = page.Items.OfType<PolygonItem>().Count(p => p.Closed && p.Points.Count == 3 && p.Fill.HasValue && p.StrokeWidth == 0 && Distance(centre, p.Points[0]) < radius * 1.1);
        Assert.Equal(radar.Count - 1, triangles);
        var text = string.Join(" ", page.TextRuns.Select(r => r.Text));
        Assert.Contains(missing + " (no point on that spoke)", text);
    }

    [Fact]
    public void The_pdf_is_tagged_with_headings_tables_and_a_described_figure_and_decoration_left_out()
    {
        Assert.Equal("yes", sample.Poppler.Info()["Tagged"]);

        var structure = sample.Poppler.StructureText();
        Assert.StartsWith("Document", structure);
        Assert.Contains("Sect", structure);
        Assert.Matches(@"H1 \(block\)\s+""Executive summary""", structure);
        Assert.Matches(@"H2 \(block\)\s+""Maturity profile""", structure);
        Assert.Contains("TH", structure);
        Assert.Contains("TD", structure);
        Assert.Contains("Figure", structure);
        Assert.DoesNotContain("Page 3 of", structure); // running feet are artifacts

        var pdf = System.Text.Encoding.Latin1.GetString(sample.Pdf);
        Assert.Contains("/Lang", pdf);
        Assert.Contains("/Alt", pdf);
        Assert.Contains("/MarkInfo", pdf);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static double Distance(XPoint a, XPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
