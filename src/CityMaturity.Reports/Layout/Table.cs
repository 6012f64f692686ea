using PdfSharp.Drawing;

namespace CityMaturity.Reports.Layout;

/// <summary>A column: a fixed width in points, or a share of what the fixed columns leave (Flex &gt; 0).</summary>
internal sealed record TableColumn(double Width, double Flex = 0);

/// <summary>A cell: its content blocks, the column it starts in and how many columns it spans.</summary>
internal sealed record TableCell(int Column, IReadOnlyList<IBlock> Content, int Span = 1)
{
    public TableCell(int column, IBlock content, int span = 1)
        : this(column, [content], span)
    {
    }

    public XColor? Fill { get; init; }
}

/// <summary>
/// A row is one or more bands stacked vertically; each band is a set of cells side by side. A band lets a
/// row carry a full-width line under its columns (e.g. the criterion text of a characteristic).
/// </summary>
internal sealed record TableRow(IReadOnlyList<IReadOnlyList<TableCell>> Bands)
{
    public TableRow(params TableCell[] cells)
        : this([cells])
    {
    }

    public XColor? Fill { get; init; }

    /// <summary>Rule under the row; null for none.</summary>
    public XColor? RuleBelow { get; init; }

    public double RuleWidth { get; init; } = 0.4;
}

internal sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows)
{
    /// <summary>Repeated at the top of every page the table continues on.</summary>
    public TableRow? Header { get; init; }

    public double PaddingX { get; init; } = 4;

    public double PaddingY { get; init; } = 3;

    /// <summary>Horizontal gap between columns (cards); cell fills leave it blank.</summary>
    public double ColumnGap { get; init; }

    /// <summary>Height the first row must have room for besides the header (so a header never sits alone at a page foot).</summary>
    public double KeepWithHeader { get; init; } = 36;
}

/// <summary>
/// Lays tables out on a <see cref="PageFlow"/>: rows go whole onto the page where they fit; a row taller
/// than the space left on a fresh page is split between its lines, and the header repeats on every page.
/// </summary>
internal static class TableLayout
{
    public static void Place(PageFlow flow, Table table, double indent = 0)
    {
        // One Table element in the tagged PDF, a row element per row and a cell element per cell (header cells as TH).
        using var scope = flow.Tagged(StructureRole.Table);
        var width = flow.Body.Width - indent;
        var left = flow.Body.Left + indent;
        var columns = ColumnPositions(table, width);
        var header = table.Header is null ? null : Lay(flow, table, table.Header, columns, isHeader: true);
        var headerHeight = header?.Height ?? 0;

        if (table.Rows.Count == 0 && header is null)
        {
            return;
        }

        var firstRow = table.Rows.Count > 0 ? Lay(flow, table, table.Rows[0], columns) : null;
        var firstHeight = firstRow?.Height ?? 0;
        if (headerHeight + firstHeight > flow.Remaining && firstHeight <= flow.Body.Height - headerHeight)
        {
            // The first row fits whole on a fresh page: start the table there rather than split it.
            flow.KeepTogether(headerHeight + firstHeight);
        }
        else
        {
            flow.KeepTogether(headerHeight + Math.Min(firstHeight, table.KeepWithHeader));
        }
        if (header is not null)
        {
            PlaceFragment(flow, header, 0, header.Height, header.Lines, left, width);
        }

        var rowsOnPage = 0;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = r == 0 ? firstRow! : Lay(flow, table, table.Rows[r], columns);
            var pending = row.Lines;
            var offset = 0d;
            var first = true;
            while (true)
            {
                var rest = row.Height - offset;
                if (rest <= flow.Remaining + 1e-6)
                {
                    PlaceFragment(flow, row, offset, row.Height, pending, left, width);
                    rowsOnPage++;
                    break;
                }

                var fullPage = flow.Body.Height - headerHeight;
                if (rowsOnPage > 0 && (first ? row.Height : rest) <= fullPage)
                {
                    Continue(flow, header, left, width);
                    rowsOnPage = 0;
                    continue;
                }

                // Split the row: the lines that end above the page foot stay, the others move on.
                var cut = offset + flow.Remaining - table.PaddingY;
                var fitting = pending.Where(l => l.Y + l.Box.Height <= cut + 1e-6).ToList();
                if (fitting.Count == 0)
                {
                    if (rowsOnPage > 0 || !flow.AtPageTop)
                    {
                        Continue(flow, header, left, width);
                        rowsOnPage = 0;
                        continue;
                    }

                    fitting = [pending.MinBy(l => l.Y)!]; // a line taller than a page: cannot happen with text
                }

                var end = fitting.Max(l => l.Y + l.Box.Height) + table.PaddingY;
                PlaceFragment(flow, row, offset, end, fitting, left, width, ruleBelow: false);
                pending = [.. pending.Except(fitting)];
                offset = pending.Min(l => l.Y) - table.PaddingY;
                first = false;
                Continue(flow, header, left, width);
                rowsOnPage = 0;
            }
        }
    }

    private static void Continue(PageFlow flow, RowLayout? header, double left, double width)
    {
        flow.NewPage();
        if (header is not null)
        {
            // A repeated header is pagination: read once, where the table starts.
            PlaceFragment(flow, header, 0, header.Height, header.Lines, left, width, repeated: true);
            flow.MarkOnlyRepeatedHeader();
        }
    }

    private static double[] ColumnPositions(Table table, double width)
    {
        var gaps = table.ColumnGap * (table.Columns.Count - 1);
        var fixedWidth = table.Columns.Where(c => c.Flex <= 0).Sum(c => c.Width);
        var flex = table.Columns.Sum(c => Math.Max(0, c.Flex));
        var free = Math.Max(0, width - gaps - fixedWidth);
        var positions = new double[table.Columns.Count + 1];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var w = column.Flex > 0 ? free * column.Flex / flex : column.Width;
            positions[i + 1] = positions[i] + w + (i < table.Columns.Count - 1 ? table.ColumnGap : 0);
        }

        return positions;
    }

    private static RowLayout Lay(PageFlow flow, Table table, TableRow row, double[] columns, bool isHeader = false)
    {
        var engine = flow.Engine;
        var rowTag = new StructureTag(StructureRole.TableRow, flow.CurrentTag);
        var lines = new List<PositionedLine>();
        var cells = new List<(double X, double Width, XColor Fill)>();
        var y = 0d;
        foreach (var band in row.Bands)
        {
            var bandHeight = 0d;
            foreach (var cell in band)
            {
                var cellTag = new StructureTag(isHeader ? StructureRole.TableHeaderCell : StructureRole.TableCell, rowTag);
                var x = columns[cell.Column];
                var right = columns[cell.Column + cell.Span] - (cell.Column + cell.Span < table.Columns.Count ? table.ColumnGap : 0);
                var cellWidth = right - x;
                var inner = cellWidth - (2 * table.PaddingX);
                var cy = table.PaddingY;
                foreach (var block in cell.Content)
                {
                    foreach (var box in block.Lay(engine, inner))
                    {
                        if (!box.IsSpacer)
                        {
                            lines.Add(new PositionedLine(box, x + table.PaddingX, y + cy, cellTag));
                        }

                        cy += box.Height;
                    }
                }

                bandHeight = Math.Max(bandHeight, cy + table.PaddingY);
                if (cell.Fill is { } fill)
                {
                    cells.Add((x, cellWidth, fill));
                }
            }

            y += bandHeight;
        }

        return new RowLayout(row, y, lines, cells);
    }

    private static void PlaceFragment(PageFlow flow, RowLayout row, double from, double to, IReadOnlyList<PositionedLine> lines, double left, double width, bool ruleBelow = true, bool repeated = false)
    {
        var top = flow.Y;
        var height = to - from;
        if (row.Row.Fill is { } fill)
        {
            flow.Add(new RectItem(new XRect(left, top, width, height), fill, null));
        }

        foreach (var (x, w, cellFill) in row.CellFills)
        {
            flow.Add(new RectItem(new XRect(left + x, top, w, height), cellFill, null));
        }

        foreach (var line in lines)
        {
            foreach (var item in line.Box.Items)
            {
                flow.Add(item.Offset(left + line.X, top + line.Y - from) with { Tag = repeated ? StructureTag.Artifact : item.Tag ?? line.Cell });
            }
        }

        if (ruleBelow && row.Row.RuleBelow is { } rule)
        {
            flow.Add(new LineItem(new XPoint(left, top + height), new XPoint(left + width, top + height), rule, row.Row.RuleWidth));
        }

        flow.Advance(height);
    }

    private sealed record PositionedLine(LineBox Box, double X, double Y, StructureTag Cell);

    private sealed record RowLayout(TableRow Row, double Height, IReadOnlyList<PositionedLine> Lines, IReadOnlyList<(double X, double Width, XColor Fill)> CellFills);
}
