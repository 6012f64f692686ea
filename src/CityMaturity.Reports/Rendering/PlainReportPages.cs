using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// The pieces the plainer reports (progress, benchmark) share: a page flow with the theme's geometry, chapters on a new
/// page, tagged paragraphs, tables with a repeated header, a fact table for the title block, and running heads with
/// "page x of y".
/// </summary>
internal sealed class PlainReportPages(TextEngine engine)
{
    /// <summary>Lays out and paints one report with DejaVu Sans (regular, bold, oblique) and returns the PDF.</summary>
    public static byte[] Render(Func<TextEngine, LayoutDocument> layout) => Render(layout, out _);

    /// <summary>As <see cref="Render(Func{TextEngine, LayoutDocument})"/>, handing back the layout that was painted.</summary>
    public static byte[] Render(Func<TextEngine, LayoutDocument> layout, out LayoutDocument painted)
    {
        PdfSharpSetup.EnsureInitialised();
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans");
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans-Bold");
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans-Oblique");
        using var engine = new TextEngine();
        var document = layout(engine);
        using var stream = new MemoryStream();
        PdfPainter.Paint(document, engine, stream);
        painted = document;
        return stream.ToArray();
    }

    public PageFlow Flow { get; } = new(engine, new LayoutDocument(new XSize(Theme.PageWidth, Theme.PageHeight), Theme.Body, Theme.Printable));

    private XRect Body => Flow.Body;

    public void Section(Action part)
    {
        using var scope = Flow.Tagged(StructureRole.Section);
        part();
    }

    /// <summary>A chapter on a new page: accent bar and a first-level heading.</summary>
    public void Chapter(string title)
    {
        Flow.CurrentSection = title;
        Flow.NewPage();

        Flow.Add(new RectItem(new XRect(Body.Left, Flow.Y, 36, 3.2), Theme.Accent, null));
        Flow.Advance(12);
        using var heading = Flow.Tagged(StructureRole.Heading1);
        Flow.Paragraph(new Paragraph(title, Theme.H1) { SpaceAfter = 8 });
    }

    /// <summary>The first page: a kicker, the title as a first-level heading, and a table of facts.</summary>
    public void TitleBlock(string section, string kicker, string title, IEnumerable<(string Label, string Value)> facts)
    {
        Flow.CurrentSection = section;
        Flow.NewPage();
        Flow.Paragraph(new Paragraph(kicker, Theme.Small) { SpaceAfter = 4 });
        using (Flow.Tagged(StructureRole.Heading1))
        {
            Flow.Paragraph(new Paragraph(title, Theme.H1) { SpaceAfter = 10 });
        }

        TableLayout.Place(Flow, new Table(
            [new TableColumn(150), new TableColumn(0, 1)],
            [.. facts.Select(f => new TableRow(
                new TableCell(0, new Paragraph(f.Label, Theme.BodyMuted)),
                new TableCell(1, new Paragraph(f.Value, Theme.BodyText))) { RuleBelow = Theme.Rule })])
        { PaddingX = 0, PaddingY = 4 });
    }

    public void Heading2(string title)
    {
        using var heading = Flow.Tagged(StructureRole.Heading2);
        Flow.Paragraph(new Paragraph(title, Theme.H2) { SpaceAfter = 6 });
    }

    public void Text(string text, TextStyle? style = null, double spaceAfter = 6)
    {
        using var tag = Flow.Tagged(StructureRole.Paragraph);
        Flow.Paragraph(new Paragraph(text, style ?? Theme.BodyText) { SpaceAfter = spaceAfter });
    }

    public void Bullet(string text)
    {
        using var tag = Flow.Tagged(StructureRole.Paragraph);
        Flow.Paragraph(new Paragraph(text, Theme.BodyText) { Bullet = "•", SpaceAfter = 4 });
    }

    /// <summary>A table with a header row repeated on every page; a "\n" in a cell starts a new line within it.</summary>
    /// <param name="strong">Rows drawn in bold (e.g. dimensions among their characteristics); none when null.</param>
    public void Grid(IReadOnlyList<(string Head, double Width, double Flex)> columns, IEnumerable<string[]> rows, Func<int, bool>? strong = null)
    {
        TableCell Cell(int column, string text, TextStyle style) =>
            new(column, [.. text.Split('\n').Select(line => (IBlock)new Paragraph(line, style))]);
        var header = new TableRow([.. columns.Select((c, i) => Cell(i, c.Head, Theme.CellHead))]) { Fill = Theme.HeaderFill };
        var body = rows.Select((r, index) =>
        {
            var style = strong?.Invoke(index) == true ? Theme.CellBold : Theme.Cell;
            return new TableRow([.. r.Select((text, i) => Cell(i, text, style))]) { RuleBelow = Theme.Rule };
        }).ToList();
        TableLayout.Place(Flow, new Table([.. columns.Select(c => new TableColumn(c.Width, c.Flex))], body) { Header = header });
    }

    /// <summary>Head: <paramref name="headLeft"/> and the chapter title; foot: <paramref name="footLeft"/> and the page number.</summary>
    public void RunningHeads(string headLeft, string footLeft, Func<int, int, string> pageNumber)
    {
        var pages = Flow.Document.Pages;
        var style = Theme.Running;
        var headBaseline = Theme.MarginTop - 30;
        var footBaseline = Theme.PageHeight - Theme.MarginBottom + 32;
        var half = (Body.Width - 24) / 2;
        foreach (var page in pages.Where(p => p.HasRunningHeads))
        {
            var left = Flow.Engine.Ellipsize(headLeft, style, half);
            var right = Flow.Engine.Ellipsize(page.SectionTitle ?? string.Empty, style, half);
            AddRunning(page, left, style, Body.Left, headBaseline, PageRegion.Header);
            AddRunning(page, right, style, Body.Right - Flow.Engine.Width(right, style), headBaseline, PageRegion.Header);
            var number = pageNumber(page.Number, pages.Count);
            var foot = Flow.Engine.Ellipsize(footLeft, style, Body.Width - Flow.Engine.Width(number, style) - 24);
            AddRunning(page, foot, style, Body.Left, footBaseline, PageRegion.Footer);
            AddRunning(page, number, style, Body.Right - Flow.Engine.Width(number, style), footBaseline, PageRegion.Footer);
        }
    }

    private void AddRunning(LayoutPage page, string text, TextStyle style, double x, double baseline, PageRegion region) =>
        page.Items.AddRange(Flow.Engine.SingleLine(text, style, baseline).Select(i => i.Offset(x, 0) with { Region = region }));
}
