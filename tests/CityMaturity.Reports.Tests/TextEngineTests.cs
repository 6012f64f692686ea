using CityMaturity.Reports.Fonts;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Tests;

public sealed class TextEngineTests : IDisposable
{
    private static readonly TextStyle Style = new(9, false, false, XColor.FromArgb(0, 0, 0));
    private readonly TextEngine _engine;

    public TextEngineTests()
    {
        PdfSharpSetup.EnsureInitialised();
        _engine = new TextEngine();
    }

    public void Dispose() => _engine.Dispose();

    private List<string> Lines(string text, double width) =>
        [.. _engine.Break(text, Style, width).Select(l => string.Concat(l.Items.OfType<TextRun>().OrderBy(r => r.X).Select(r => r.Text)))];

    private List<double> Widths(string text, double width) =>
        [.. _engine.Break(text, Style, width).Select(l => l.Items.OfType<TextRun>().Max(r => r.X + r.Width))];

    [Fact]
    public void Breaks_at_spaces_and_keeps_every_line_within_the_width()
    {
        const string text = "The city has a published vision and a strategy that all departments share and review every year";
        var lines = Lines(text, 120);
        Assert.True(lines.Count >= 4);
        Assert.All(Widths(text, 120), w => Assert.True(w <= 120 + 1e-6, $"line of {w}"));
        Assert.Equal(text, string.Join(' ', lines));
    }

    [Fact]
    public void Splits_a_word_wider_than_the_line_between_characters_and_loses_nothing()
    {
        var word = string.Concat(Enumerable.Range(0, 60).Select(i => $"w{i:D2}"));
        var lines = Lines("Before " + word + " after", 80);
        Assert.True(lines.Count >= 5);
        Assert.All(Widths("Before " + word + " after", 80), w => Assert.True(w <= 80 + 1e-6));
        Assert.Equal("Before" + word + "after", string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Breaks_after_a_hyphen_when_the_whole_word_does_not_fit()
    {
        var lines = Lines("governance city-wide", _engine.Width("governance city-", Style) + 1);
        Assert.Equal(["governance city-", "wide"], lines);
    }

    [Fact]
    public void Breaks_between_CJK_characters_but_never_before_closing_punctuation()
    {
        var text = string.Concat(Enumerable.Repeat("社区已建立覆盖全域的管理流程，并按照良好实践持续运行。", 6));
        var width = _engine.Width("社区已建立覆盖全域的", Style) + 0.5;
        var lines = Lines(text, width);
        Assert.True(lines.Count > 6);
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, l => Assert.False(l.StartsWith('，') || l.StartsWith('。'), $"line starts with punctuation: {l}"));
        Assert.All(Widths(text, width), w => Assert.True(w <= width + 1e-6));
    }

    [Fact]
    public void Sets_CJK_in_the_CJK_font_and_Latin_in_DejaVu_on_one_line()
    {
        var line = Assert.Single(_engine.Break("ISO 37101 城市 smart", Style, 400));
        var runs = line.Items.OfType<TextRun>().ToList();
        Assert.Equal([FontResolver.SansFamily, FontResolver.CjkFamily, FontResolver.SansFamily], runs.Select(r => r.Font.Family));
        Assert.Equal(["ISO 37101", "城市", "smart"], runs.Select(r => r.Text));
    }

    [Fact]
    public void A_newline_forces_a_line_break() => Assert.Equal(["First line", "second line"], Lines("First line\nsecond line", 400));

    [Fact]
    public void Ellipsize_shortens_only_what_does_not_fit()
    {
        Assert.Equal("Riverton", _engine.Ellipsize("Riverton", Style, 200));
        var shortened = _engine.Ellipsize(new string('x', 400), Style, 100);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.True(_engine.Width(shortened, Style) <= 100);
    }

    [Fact]
    public void Spans_of_different_styles_wrap_together_without_breaking_where_no_space_is()
    {
        var bold = Style.AsBold();
        var lines = _engine.Break([new TextSpan("Level 3", bold), new TextSpan(": the criterion text follows here", Style)], _engine.Width("Level 3:", bold) + 2);
        var first = string.Concat(lines[0].Items.OfType<TextRun>().Select(r => r.Text));
        Assert.Equal("Level 3:", first);
    }
}
