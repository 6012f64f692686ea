using System.Globalization;
using CityMaturity.Reports.Layout;

namespace CityMaturity.Reports.Tests;

/// <summary>
/// Very long names, comments and criteria and long unbroken words: XTextFormatter would drop or overflow
/// them; the layout engine must place every word inside the margins.
/// </summary>
public class ExtremeReportTests(ExtremeSample sample) : IClassFixture<ExtremeSample>
{
    [Fact]
    public void The_inputs_really_are_extreme()
    {
        var meta = sample.Report.Metadata;
        Assert.Equal(300, meta.Community.Length);
        var criteria = sample.Report.Dimensions.SelectMany(d => d.Characteristics).Select(c => c.LevelReachedCriterion).OfType<string>().ToList();
        Assert.All(criteria, c => Assert.True(c.Length >= 2000, $"criterion of {c.Length} characters"));
        var longestWord = ReportText.All(sample.Report).SelectMany(Words).Max(w => w.Length);
        Assert.True(longestWord >= 900, $"the longest unbroken word has {longestWord} characters");

        // Such a word is far wider than the page: only breaking inside it keeps it on the page.
        var engineWidth = sample.Layout.TextRuns.Max(r => r.Width);
        Assert.True(engineWidth <= sample.Layout.Body.Width + 0.01);
    }

    [Fact]
    public void No_text_runs_past_the_margins() => LayoutAssert.NothingPastTheMargins(sample.Layout);

    [Fact]
    public void Every_word_of_every_text_is_in_the_layout_model()
    {
        var text = RenderedReport.Compact(string.Concat(sample.Layout.TextRuns.Select(r => r.Text)));
        var missing = ReportText.All(sample.Report, includeLabels: false).SelectMany(Words).Distinct().Where(w => !text.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} words are missing, e.g. {string.Join(", ", missing.Take(5))}");
    }

    [Fact]
    public void Every_word_of_every_text_is_in_the_text_pdftotext_extracts()
    {
        var text = sample.CompactText;
        var words = ReportText.All(sample.Report, includeLabels: false).SelectMany(Words).Distinct().ToList();
        Assert.True(words.Count > 2000, $"only {words.Count} distinct words");
        var missing = words.Where(w => !text.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} words are missing from the PDF text, e.g. {string.Join(", ", missing.Take(5))}");
    }

    [Fact]
    public void Long_words_are_broken_into_pieces_that_each_fit_a_line()
    {
        var word = sample.Report.NextSteps.Steps[1];
        Assert.DoesNotContain(' ', word);
        var pieces = sample.Layout.TextRuns.Where(r => word.Contains(r.Text, StringComparison.Ordinal) && r.Text.Length >= 5).ToList();
        Assert.True(pieces.Count >= 3, $"the {word.Length}-character word came out in {pieces.Count} pieces");
        Assert.Equal(word, string.Concat(pieces.Select(p => p.Text)));
    }

    [Fact]
    public void Running_heads_abbreviate_the_community_name_that_the_cover_shows_in_full()
    {
        var heads = sample.Layout.Pages.Skip(1).SelectMany(p => p.TextRuns).Where(r => r.Region == PageRegion.Header).ToList();
        Assert.NotEmpty(heads);
        Assert.Contains(heads, r => r.Text.EndsWith('…'));
        var cover = RenderedReport.Compact(string.Concat(sample.Layout.Pages[0].TextRuns.Select(r => r.Text)));
        Assert.Contains(RenderedReport.Compact(sample.Report.Metadata.Community), cover);
    }

    [Fact]
    public void Every_page_renders_and_pdfinfo_counts_the_layout_pages()
    {
        var info = sample.Poppler.Info();
        Assert.Equal(sample.Layout.Pages.Count.ToString(CultureInfo.InvariantCulture), info["Pages"]);
        Assert.True(sample.Layout.Pages.Count > 25);
        Assert.Equal(sample.Layout.Pages.Count, sample.Poppler.RenderPages(dpi: 15).Count);
        var total = sample.Layout.Pages.Count;
        Assert.Contains($"Page {total} of {total}", sample.Poppler.Text(total));

        // Including the page the long cover overflows onto: only the first page goes without running heads.
        foreach (var page in sample.Layout.Pages.Skip(1))
        {
            Assert.Contains(page.TextRuns, r => r.Region == PageRegion.Footer && r.Text == $"Page {page.Number} of {total}");
        }
    }

    private static IEnumerable<string> Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
