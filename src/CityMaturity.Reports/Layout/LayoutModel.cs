using PdfSharp.Drawing;

namespace CityMaturity.Reports.Layout;

/// <summary>Where on the page an item sits: the body frame (inside the margins) or a running head or foot.</summary>
public enum PageRegion
{
    Body,
    Header,
    Footer,
}

public enum LineDash
{
    Solid,
    Dashed,
    Dotted,
}

/// <summary>A font as the layout engine asks for it; the painter turns it into an XFont.</summary>
public readonly record struct FontSpec(string Family, double Size, bool Bold, bool Italic);

/// <summary>
/// One thing drawn on a page at an absolute position (points, origin top left). The layout model is the
/// complete list of what the painter draws, so tests can check positions without reading the PDF.
/// </summary>
public abstract record LayoutItem
{
    public PageRegion Region { get; init; } = PageRegion.Body;

    /// <summary>The structure element this item belongs to in the tagged PDF; null means decoration (an artifact).</summary>
    public StructureTag? Tag { get; init; }

    /// <summary>The same item moved by (dx, dy).</summary>
    public abstract LayoutItem Offset(double dx, double dy);
}

/// <summary>A run of text in one font and colour, drawn on one baseline.</summary>
public sealed record TextRun(string Text, FontSpec Font, XColor Color, double X, double Baseline, double Width, double Ascent, double Descent) : LayoutItem
{
    /// <summary>The box the glyphs may occupy: advance width by font ascent plus descent.</summary>
    public XRect Bounds => new(X, Baseline - Ascent, Width, Ascent + Descent);

    public override LayoutItem Offset(double dx, double dy) => this with { X = X + dx, Baseline = Baseline + dy };
}

public sealed record RectItem(XRect Rect, XColor? Fill, XColor? Stroke, double StrokeWidth = 0.5) : LayoutItem
{
    public override LayoutItem Offset(double dx, double dy) => this with { Rect = new XRect(Rect.X + dx, Rect.Y + dy, Rect.Width, Rect.Height) };
}

public sealed record LineItem(XPoint From, XPoint To, XColor Color, double Width, LineDash Dash = LineDash.Solid) : LayoutItem
{
    public override LayoutItem Offset(double dx, double dy) =>
        this with { From = new XPoint(From.X + dx, From.Y + dy), To = new XPoint(To.X + dx, To.Y + dy) };
}

public sealed record PolygonItem(IReadOnlyList<XPoint> Points, XColor? Fill, XColor? Stroke, double StrokeWidth, LineDash Dash, bool Closed) : LayoutItem
{
    public override LayoutItem Offset(double dx, double dy) =>
        this with { Points = [.. Points.Select(p => new XPoint(p.X + dx, p.Y + dy))] };
}

/// <summary>A clickable area that jumps to the page of an anchor (table of contents entries).</summary>
public sealed record LinkItem(XRect Area, string AnchorKey) : LayoutItem
{
    public override LayoutItem Offset(double dx, double dy) => this with { Area = new XRect(Area.X + dx, Area.Y + dy, Area.Width, Area.Height) };
}

/// <summary>A heading's place in the document: for the table of contents, the bookmarks and the links.</summary>
public sealed record LayoutAnchor(string Key, string Title, int Level, int PageIndex, double Y);

public sealed class LayoutPage
{
    internal LayoutPage(int index)
    {
        Index = index;
    }

    /// <summary>Zero-based; the printed page number is Index + 1.</summary>
    public int Index { get; }

    public int Number => Index + 1;

    public List<LayoutItem> Items { get; } = [];

    /// <summary>The top-level section the page belongs to (shown in the running head); null on the cover.</summary>
    public string? SectionTitle { get; internal set; }

    public bool HasRunningHeads { get; internal set; } = true;

    public IEnumerable<TextRun> TextRuns => Items.OfType<TextRun>();
}

/// <summary>The complete, positioned report: what the painter draws, page by page.</summary>
public sealed class LayoutDocument
{
    internal LayoutDocument(XSize pageSize, XRect body, XRect printable)
    {
        PageSize = pageSize;
        Body = body;
        Printable = printable;
    }

    public XSize PageSize { get; }

    /// <summary>The frame inside the margins; every body item lies within it.</summary>
    public XRect Body { get; }

    /// <summary>The frame running heads and feet stay within (the page less a safe edge).</summary>
    public XRect Printable { get; }

    public List<LayoutPage> Pages { get; } = [];

    public List<LayoutAnchor> Anchors { get; } = [];

    public string Title { get; internal set; } = string.Empty;

    public string Author { get; internal set; } = string.Empty;

    public string Subject { get; internal set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; internal set; }

    /// <summary>The document's natural language (BCP 47, e.g. "en", "zh"), for the tagged PDF.</summary>
    public string Language { get; internal set; } = "en";

    public IEnumerable<TextRun> TextRuns => Pages.SelectMany(p => p.TextRuns);

    public LayoutAnchor Anchor(string key) =>
        Anchors.FirstOrDefault(a => a.Key == key) ?? throw new KeyNotFoundException($"No heading has the anchor '{key}'.");
}
