using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Tests;

public sealed class TableLayoutTests : IDisposable
{
    private static readonly TextStyle Style = new(8, false, false, XColor.FromArgb(0, 0, 0));
    private readonly TextEngine _engine;
    private readonly LayoutDocument _document = new(new XSize(595.28, 841.89), new XRect(60, 70, 475, 700), new XRect(28, 28, 539, 785));

    public TableLayoutTests()
    {
        PdfSharpSetup.EnsureInitialised();
        _engine = new TextEngine();
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void A_row_taller_than_a_page_is_split_between_lines_and_the_header_repeats()
    {
        var flow = new PageFlow(_engine, _document);
        flow.NewPage();
        var words = Enumerable.Range(0, 2500).Select(i => $"word{i}").ToList();
        var table = new Table(
            [new TableColumn(40), new TableColumn(0, 1)],
            [
                new TableRow(new TableCell(0, new Paragraph("A", Style)), new TableCell(1, new Paragraph("short row", Style))),
                new TableRow(new TableCell(0, new Paragraph("B", Style)), new TableCell(1, new Paragraph(string.Join(' ', words), Style))),
                new TableRow(new TableCell(0, new Paragraph("C", Style)), new TableCell(1, new Paragraph("last row", Style))),
            ])
        {
            Header = new TableRow(new TableCell(0, new Paragraph("Code", Style)), new TableCell(1, new Paragraph("Text", Style))),
        };

        TableLayout.Place(flow, table);

        Assert.True(_document.Pages.Count >= 3, $"{_document.Pages.Count} pages");
        Assert.All(_document.Pages, p => Assert.Contains(p.TextRuns, r => r.Text == "Code"));
        LayoutAssert.NothingPastTheMargins(_document);

        // Every word, in order, exactly once.
        var text = string.Join(' ', _document.Pages.SelectMany(p => p.TextRuns).Select(r => r.Text))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("word", StringComparison.Ordinal)).ToList();
        Assert.Equal(words, text);
    }

    [Fact]
    public void A_row_that_fits_a_fresh_page_moves_whole_instead_of_splitting()
    {
        var flow = new PageFlow(_engine, _document);
        flow.NewPage();
        flow.Place(new SpacerBlock(1));
        flow.Place(new Paragraph(string.Join(' ', Enumerable.Repeat("filler", 1300)), Style));
        var before = _document.Pages.Count;
        Assert.InRange(flow.Remaining, 20, 150); // the row below is taller than that, and shorter than a page
        var row = new TableRow(new TableCell(0, new Paragraph(string.Join(' ', Enumerable.Range(0, 300).Select(i => $"cell{i}")), Style)));
        TableLayout.Place(flow, new Table([new TableColumn(0, 1)], [row]));

        var pagesWithCells = _document.Pages.Where(p => p.TextRuns.Any(r => r.Text.Contains("cell", StringComparison.Ordinal))).ToList();
        Assert.Single(pagesWithCells);
        Assert.Equal(before, pagesWithCells[0].Index);
    }

    [Fact]
    public void The_margin_check_itself_catches_a_run_outside_the_body()
    {
        var flow = new PageFlow(_engine, _document);
        flow.NewPage();
        flow.Add(new TextRun("stray", new FontSpec("DejaVu Sans", 8, false, false), XColor.FromArgb(0, 0, 0), _document.Body.Right - 5, 100, 20, 7, 2));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => LayoutAssert.NothingPastTheMargins(_document));
    }
}
