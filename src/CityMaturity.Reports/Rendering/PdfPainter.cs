using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// Draws a <see cref="LayoutDocument"/> with XGraphics: exactly the items of the layout model, nothing else, as a
/// tagged PDF. Per page, decoration (items without a structure element, running heads) is drawn first as one
/// artifact, then the content in reading order, each item inside the structure element it belongs to (ADR 0016).
/// </summary>
internal static class PdfPainter
{
    /// <param name="finish">Work on the finished document just before it is saved (attachments, a signature).</param>
    public static void Paint(LayoutDocument layout, TextEngine engine, Stream output, Action<PdfDocument>? finish = null)
    {
        using var document = new PdfDocument();
        document.Info.Title = layout.Title;
        document.Info.Author = layout.Author;
        document.Info.Subject = layout.Subject;
        document.Info.Creator = "CityMaturity";
        document.Info.CreationDate = layout.CreatedAt.UtcDateTime;
        document.PageMode = PdfPageMode.UseOutlines;
        document.ViewerPreferences.DisplayDocTitle = true;
        var structure = UAManager.ForDocument(document);
        structure.SetDocumentLanguage(layout.Language);

        // The structure builder follows the page being drawn, so each page is added and drawn before the next;
        // the contents' links point forward, so they are added once every page exists.
        var pages = new List<PdfPage>();
        foreach (var page in layout.Pages)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(layout.PageSize.Width);
            pdfPage.Height = XUnit.FromPoint(layout.PageSize.Height);
            pages.Add(pdfPage);
            using var gfx = XGraphics.FromPdfPage(pdfPage);
            PaintPage(gfx, structure.StructureBuilder, engine, page);
        }

        for (var i = 0; i < layout.Pages.Count; i++)
        {
            foreach (var link in layout.Pages[i].Items.OfType<LinkItem>())
            {
                // Layout space has its origin top left, PDF space bottom left.
                var area = new XRect(link.Area.X, layout.PageSize.Height - link.Area.Bottom, link.Area.Width, link.Area.Height);
                pages[i].AddDocumentLink(new PdfRectangle(area), layout.Anchor(link.AnchorKey).PageIndex + 1);
            }
        }

        AddOutlines(document, layout, pages);
        finish?.Invoke(document);
        document.Save(output, false);
    }

    private static void PaintPage(XGraphics gfx, StructureBuilder builder, TextEngine engine, LayoutPage layoutPage)
    {
        var items = layoutPage.Items;
        var decoration = items.Where(i => i is not LinkItem && ElementOf(i) is null).ToList();
        if (decoration.Count > 0)
        {
            // Decoration never sits above content in this layout (fills and rules lie under or beside text), so
            // drawing it first changes nothing a reader sees and keeps every element's content in one run.
            builder.BeginArtifact();
            foreach (var item in decoration)
            {
                Draw(gfx, engine, item);
            }

            builder.End();
        }

        // PDFsharp's structure builder works page by page: elements are closed at the page's end, so a table that
        // runs over a page break becomes one Table element per page (ADR 0016).
        var open = new List<StructureTag>();
        foreach (var item in items)
        {
            if (item is LinkItem || ElementOf(item) is not { } element)
            {
                continue;
            }

            var path = element.Path();
            var common = 0;
            while (common < open.Count && common < path.Count && ReferenceEquals(open[common], path[common]))
            {
                common++;
            }

            for (var k = open.Count - 1; k >= common; k--)
            {
                builder.End();
                open.RemoveAt(k);
            }

            for (var k = common; k < path.Count; k++)
            {
                Begin(builder, path[k], layoutPage);
                open.Add(path[k]);
            }

            Draw(gfx, engine, item);
        }

        for (var k = open.Count - 1; k >= 0; k--)
        {
            builder.End();
        }
    }

    /// <summary>
    /// The structure element an item is read in, or null for decoration: running heads and feet, explicit
    /// artifacts, and any drawing outside a figure (bars beside their figures, rules, fills). Text with no element
    /// of its own is never dropped: it becomes a paragraph.
    /// </summary>
    private static StructureTag? ElementOf(LayoutItem item)
    {
        if (item.Region != PageRegion.Body || ReferenceEquals(item.Tag, StructureTag.Artifact))
        {
            return null;
        }

        return item switch
        {
            TextRun => item.Tag?.Figure ?? item.Tag ?? new StructureTag(StructureRole.Paragraph),
            _ => item.Tag?.Figure,
        };
    }

    private static void Begin(StructureBuilder builder, StructureTag tag, LayoutPage page)
    {
        switch (tag.Role)
        {
            case StructureRole.Section:
                builder.BeginElement(PdfGroupingElementTag.Section);
                break;
            case StructureRole.Heading1:
                builder.BeginElement(PdfBlockLevelElementTag.Heading1);
                break;
            case StructureRole.Heading2:
                builder.BeginElement(PdfBlockLevelElementTag.Heading2);
                break;
            case StructureRole.Heading3:
                builder.BeginElement(PdfBlockLevelElementTag.Heading3);
                break;
            case StructureRole.Paragraph:
                builder.BeginElement(PdfBlockLevelElementTag.Paragraph);
                break;
            case StructureRole.Table:
                builder.BeginElement(PdfBlockLevelElementTag.Table);
                break;
            case StructureRole.TableRow:
                builder.BeginElement(PdfBlockLevelElementTag.TableRow);
                break;
            case StructureRole.TableHeaderCell:
                builder.BeginElement(PdfBlockLevelElementTag.TableHeaderCell);
                break;
            case StructureRole.TableCell:
                builder.BeginElement(PdfBlockLevelElementTag.TableDataCell);
                break;
            case StructureRole.Figure:
                builder.BeginElement(PdfIllustrationElementTag.Figure, tag.AltText ?? string.Empty, Bounds(page.Items.Where(i => ReferenceEquals(i.Tag?.Figure, tag))));
                break;
            case StructureRole.Artifact:
                throw new InvalidOperationException("An artifact is not a structure element.");
        }
    }

    /// <summary>The box around a figure's items on one page (its /BBox).</summary>
    private static XRect Bounds(IEnumerable<LayoutItem> items)
    {
        var points = items.SelectMany(i => i switch
        {
            TextRun run => [run.Bounds.TopLeft, run.Bounds.BottomRight],
            RectItem rect => [rect.Rect.TopLeft, rect.Rect.BottomRight],
            LineItem line => [line.From, line.To],
            PolygonItem polygon => polygon.Points,
            _ => Array.Empty<XPoint>(),
        }).ToList();
        if (points.Count == 0)
        {
            return XRect.Empty;
        }

        var left = points.Min(p => p.X);
        var top = points.Min(p => p.Y);
        return new XRect(left, top, points.Max(p => p.X) - left, points.Max(p => p.Y) - top);
    }

    private static void Draw(XGraphics gfx, TextEngine engine, LayoutItem item)
    {
        switch (item)
        {
            case TextRun run:
                gfx.DrawString(run.Text, engine.Font(run.Font), new XSolidBrush(run.Color), run.X, run.Baseline, XStringFormats.BaseLineLeft);
                break;
            case RectItem rect:
                var pen = rect.Stroke is { } stroke ? new XPen(stroke, rect.StrokeWidth) : null;
                var brush = rect.Fill is { } fill ? new XSolidBrush(fill) : null;
                if (pen is not null && brush is not null)
                {
                    gfx.DrawRectangle(pen, brush, rect.Rect);
                }
                else if (brush is not null)
                {
                    gfx.DrawRectangle(brush, rect.Rect);
                }
                else if (pen is not null)
                {
                    gfx.DrawRectangle(pen, rect.Rect);
                }

                break;
            case LineItem line:
                gfx.DrawLine(Pen(line.Color, line.Width, line.Dash), line.From, line.To);
                break;
            case PolygonItem polygon:
                DrawPolygon(gfx, polygon);
                break;
            default:
                throw new NotSupportedException($"The painter does not know {item.GetType().Name}.");
        }
    }

    private static void DrawPolygon(XGraphics gfx, PolygonItem polygon)
    {
        var points = polygon.Points.ToArray();
        var pen = polygon.Stroke is { } stroke ? Pen(stroke, polygon.StrokeWidth, polygon.Dash) : null;
        if (!polygon.Closed)
        {
            if (pen is not null)
            {
                gfx.DrawLines(pen, points);
            }

            return;
        }

        var brush = polygon.Fill is { } fill ? new XSolidBrush(fill) : null;
        if (pen is not null && brush is not null)
        {
            gfx.DrawPolygon(pen, brush, points, XFillMode.Winding);
        }
        else if (brush is not null)
        {
            gfx.DrawPolygon(brush, points, XFillMode.Winding);
        }
        else if (pen is not null)
        {
            gfx.DrawPolygon(pen, points);
        }
    }

    private static XPen Pen(XColor color, double width, LineDash dash)
    {
        var pen = new XPen(color, width) { LineJoin = XLineJoin.Round };
        switch (dash)
        {
            case LineDash.Dashed:
                pen.DashStyle = XDashStyle.Custom;
                pen.DashPattern = [3.2, 1.8];
                break;
            case LineDash.Dotted:
                // Near-zero dashes with round caps draw round dots; the pattern is in multiples of the width.
                pen.DashStyle = XDashStyle.Custom;
                pen.DashPattern = [0.01, 2.2];
                pen.LineCap = XLineCap.Round;
                break;
            case LineDash.Solid:
                break;
        }

        return pen;
    }

    private static void AddOutlines(PdfDocument document, LayoutDocument layout, List<PdfPage> pages)
    {
        PdfOutline? parent = null;
        foreach (var anchor in layout.Anchors)
        {
            if (anchor.Level == 1 || parent is null)
            {
                parent = document.Outlines.Add(anchor.Title, pages[anchor.PageIndex], true);
            }
            else
            {
                parent.Outlines.Add(anchor.Title, pages[anchor.PageIndex], true);
            }
        }
    }
}
