using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;

namespace CityMaturity.Reports.Tests;

/// <summary>The realistic sample (4 dimensions, 32 characteristics) checked with poppler-utils and the layout model.</summary>
public class BaselineReportPdfTests(BaselineSample sample) : IClassFixture<BaselineSample>
{
    private readonly ReportFormat _format = sample.Format;

    [Fact]
    public void Extracted_text_contains_every_characteristic_code()
    {
        var text = sample.Poppler.Text();
        var codes = SampleReports.Catalogue.Characteristics.Select(c => c.Code).ToList();
        Assert.Equal(32, codes.Count);
        var missing = codes.Where(code => !Regex.IsMatch(text, $@"(?<![\d.]){Regex.Escape(code)}(?![\d])")).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_summary_cards_show_the_dimension_scores_as_formatted_in_order()
    {
        var summaryPage = sample.Layout.Anchor("summary").PageIndex;
        var big = sample.Layout.Pages[summaryPage].TextRuns.Where(r => r.Font.Size == 20).OrderBy(r => r.X).Select(r => r.Text).ToList();
        var expected = sample.Report.Summary.DimensionScores.Select(d => _format.Score(d.Now)).ToList();
        Assert.Equal(expected, big);

        var text = sample.Poppler.Text(summaryPage + 1);
        foreach (var d in sample.Report.Summary.DimensionScores)
        {
            Assert.Contains(_format.Score(d.Now), text);
            Assert.Contains(_format.Score(d.InTwoYears), text);
            Assert.Contains(_format.Format(sample.Report.Labels.RatedFormat, d.RatedNow, d.CharacteristicCount), text);
            Assert.Contains(_format.Format(sample.Report.Labels.RatedFormat, d.RatedInTwoYears, d.CharacteristicCount), text);
        }
    }

    [Fact]
    public void Each_dimension_chapter_shows_its_scores_and_its_sub_dimension_scores()
    {
        foreach (var section in sample.Report.Dimensions)
        {
            var anchor = sample.Layout.Anchor("dimension-" + section.Code);
            var text = sample.Poppler.Text(anchor.PageIndex + 1);
            Assert.Contains($"Dimension {section.Code} · {section.Title}", text);
            Assert.Contains(_format.Score(section.Score.Now), text);
            Assert.Contains(_format.Score(section.Score.InTwoYears), text);
            foreach (var sub in section.SubDimensions)
            {
                Assert.Contains($"{_format.Score(sub.Now)} → {_format.Score(sub.InTwoYears)}", text);
            }
        }
    }

    [Fact]
    public void Each_characteristic_row_carries_its_own_figures_on_its_line()
    {
        foreach (var section in sample.Report.Dimensions)
        {
            var chapter = ChapterPages("dimension-" + section.Code);
            foreach (var row in section.Characteristics)
            {
                // The table row is the line that starts with the code in bold and carries all ten columns
                // (in dimension 4 the sub-dimension bars show the same code, on a shorter line).
                var onLine = chapter
                    .SelectMany(p => p.TextRuns.Where(r => r.Text == row.Code && r.Font.Bold && r.Font.Size == 7.5)
                        .Select(code => p.TextRuns.Where(r => Math.Abs(r.Baseline - code.Baseline) < 0.01).Select(r => r.Text).ToList()))
                    .Single(line => line.Count >= 9);
                AssertFigures(row, onLine);
            }
        }
    }

    private void AssertFigures(CharacteristicRow row, List<string> onLine)
    {
        // The line reads: code, title (first line), now, in 2 years, source, planned, n, IQR, consensus, target.
        Assert.Equal(
            [row.Code, _format.Score(row.Now), _format.Score(row.InTwoYears), row.ScoreSource, _format.Change(row.PlannedImprovement),
             _format.Count(row.Respondents), _format.Spread(row.InterquartileRange), row.ConsensusState, _format.Level(row.Target)],
            onLine.Where((_, i) => i != 1));
    }

    private List<LayoutPage> ChapterPages(string key)
    {
        var anchors = sample.Layout.Anchors.Where(a => a.Level == 1).ToList();
        var index = anchors.FindIndex(a => a.Key == key);
        var end = index + 1 < anchors.Count ? anchors[index + 1].PageIndex : sample.Layout.Pages.Count;
        return sample.Layout.Pages.GetRange(anchors[index].PageIndex, end - anchors[index].PageIndex);
    }

    [Fact]
    public void Each_rated_characteristic_shows_the_criterion_of_the_level_reached()
    {
        var text = sample.CompactText;
        foreach (var row in sample.Report.Dimensions.SelectMany(d => d.Characteristics).Where(r => r.LevelReachedCriterion is not null))
        {
            Assert.Contains(RenderedReport.Compact(row.LevelReachedCriterion!), text);
        }
    }

    [Fact]
    public void Pdfinfo_shows_title_author_creation_date_page_count_and_A4()
    {
        var info = sample.Poppler.Info();
        Assert.Equal("Baseline maturity report: Riverton – Baseline 2026", info["Title"]);
        Assert.Equal(sample.Report.Metadata.Organisation, info["Author"]);
        Assert.StartsWith("2026-03-20T09:30:00", info["CreationDate"], StringComparison.Ordinal);
        Assert.Equal(sample.Layout.Pages.Count.ToString(CultureInfo.InvariantCulture), info["Pages"]);
        Assert.InRange(sample.Layout.Pages.Count, 10, 20);
        Assert.Contains("(A4)", info["Page size"]);

        // PDFsharp names the licence chosen at start in the producer field.
        Assert.Equal("PDFsharp 6.5.0 (AGPL license)", info["Producer"]);
    }

    [Fact]
    public void Pdffonts_shows_only_embedded_unicode_subsets_of_DejaVu_Sans()
    {
        var fonts = sample.Poppler.Fonts();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f =>
        {
            Assert.True(f.Embedded, f.Name + " is not embedded");
            Assert.True(f.Subset, f.Name + " is not a subset");
            Assert.True(f.Unicode, f.Name + " has no Unicode map");
            Assert.Matches("^[A-Z]{6}\\+", f.Name);
            Assert.Contains("DejaVu Sans", f.Name);
        });
        Assert.Contains(fonts, f => f.Name.EndsWith("DejaVu Sans,Bold", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdftoppm_renders_every_page_to_a_non_trivial_image()
    {
        var pages = sample.Poppler.RenderPages(dpi: 40);
        Assert.Equal(sample.Layout.Pages.Count, pages.Count);
        foreach (var png in pages)
        {
            var bytes = File.ReadAllBytes(png.FullName);
            Assert.True(bytes.AsSpan(1, 3).SequenceEqual("PNG"u8), png.Name + " is not a PNG");
            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
            Assert.Equal((331, 468), (width, height)); // A4 at 40 dpi
            Assert.True(bytes.Length > 4_000, $"{png.Name} has {bytes.Length} bytes: an almost empty page");
        }
    }

    [Fact]
    public void The_contents_list_every_chapter_with_the_page_it_starts_on()
    {
        var contents = sample.Poppler.Text(2, layout: true);
        Assert.Contains("Contents", contents);
        foreach (var anchor in sample.Layout.Anchors)
        {
            var number = anchor.PageIndex + 1;
            Assert.Matches(new Regex($@"{Regex.Escape(anchor.Title)}\s+{number}\s*$", RegexOptions.Multiline), contents);
            Assert.Contains(anchor.Title, sample.Poppler.Text(number));
        }

        Assert.Equal(15, sample.Layout.Anchors.Count);
        Assert.Equal(sample.Layout.Anchors.Count, sample.Layout.Pages[1].Items.OfType<LinkItem>().Count());
        Assert.Contains("/Link", Encoding.Latin1.GetString(sample.Pdf));
    }

    [Fact]
    public void Every_page_but_the_cover_says_page_x_of_y()
    {
        var total = sample.Layout.Pages.Count;
        Assert.DoesNotContain("Page 1 of", sample.Poppler.Text(1));
        for (var page = 2; page <= total; page++)
        {
            Assert.Contains($"Page {page} of {total}", sample.Poppler.Text(page));
        }
    }

    [Fact]
    public void The_executive_summary_fits_on_one_page()
    {
        var summary = sample.Layout.Anchor("summary").PageIndex;
        Assert.Equal(summary + 1, sample.Layout.Anchor("dimension-1").PageIndex);
    }

    [Fact]
    public void Nothing_runs_past_the_margins() => LayoutAssert.NothingPastTheMargins(sample.Layout);

    [Fact]
    public void The_radar_chart_draws_two_distinguishable_series_and_no_sub_dimension_target()
    {
        // Targets are set per characteristic; the methodology defines no sub-dimension target, so the radar has none.
        var page = sample.Layout.Pages[sample.Layout.Anchor("summary").PageIndex];
        var outlines = page.Items.OfType<PolygonItem>().Where(p => p.Stroke is not null && p.Points.Count >= 2 && p.StrokeWidth >= 1.2).ToList();
        Assert.Contains(outlines, p => p.Dash == LineDash.Solid && p.Closed && p.Points.Count == 17);
        Assert.Contains(outlines, p => p.Dash == LineDash.Dashed && p.Points.Count == 17);
        Assert.DoesNotContain(outlines, p => p.Dash == LineDash.Dotted);
    }
}
