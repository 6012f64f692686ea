using CityMaturity.Reports.Layout;

namespace CityMaturity.Reports.Rendering;

/// <summary>Plain tables of text: a header row repeated on every page, a rule under each row.</summary>
internal static class Grids
{
    /// <summary>Places a table; a "\n" in a cell starts a new line within it. Columns are (heading, width, flex).</summary>
    public static void Place(PageFlow flow, IReadOnlyList<(string Head, double Width, double Flex)> columns, IEnumerable<string[]> rows)
    {
        TableCell Cell(int column, string text, TextStyle style) =>
            new(column, [.. text.Split('\n').Select(line => (IBlock)new Paragraph(line, style))]);
        var header = new TableRow([.. columns.Select((c, i) => Cell(i, c.Head, Theme.CellHead))]) { Fill = Theme.HeaderFill };
        var body = rows.Select(r => new TableRow([.. r.Select((text, i) => Cell(i, text, Theme.Cell))]) { RuleBelow = Theme.Rule }).ToList();
        TableLayout.Place(flow, new Table([.. columns.Select(c => new TableColumn(c.Width, c.Flex))], body) { Header = header });
    }
}
