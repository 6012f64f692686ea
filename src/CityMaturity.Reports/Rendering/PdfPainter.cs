using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CityMaturity.Reports.Rendering;

/// <summary>Draws a <see cref="LayoutDocument"/> with XGraphics: exactly the items of the layout model, nothing else.</summary>
internal static class PdfPainter
{
    public static void Paint(LayoutDocument layout, TextEngine engine, Stream output)
    {
        using var document = new PdfDocument();
        document.Info.Title = layout.Title;
        document.Info.Author = layout.Author;
        document.Info.Subject = layout.Subject;
        document.Info.Creator = "CityMaturity";
        document.Info.CreationDate = layout.CreatedAt.UtcDateTime;
        document.PageMode = PdfPageMode.UseOutlines;

        var pages = new List<PdfPage>();
        foreach (var page in layout.Pages)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(layout.PageSize.Width);
            pdfPage.Height = XUnit.FromPoint(layout.PageSize.Height);
            pages.Add(pdfPage);
        }

        for (var i = 0; i < layout.Pages.Count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pages[i]);
            foreach (var item in layout.Pages[i].Items)
            {
                Draw(gfx, engine, item, pages[i], layout);
            }
        }

        AddOutlines(document, layout, pages);
        document.Save(output, false);
    }

    private static void Draw(XGraphics gfx, TextEngine engine, LayoutItem item, PdfPage page, LayoutDocument layout)
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
            case LinkItem link:
                var target = layout.Anchor(link.AnchorKey).PageIndex + 1;
                var area = gfx.Transformer.WorldToDefaultPage(link.Area);
                page.AddDocumentLink(new PdfSharp.Pdf.PdfRectangle(area), target);
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
