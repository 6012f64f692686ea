using CityMaturity.Reports.Fonts;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Layout;

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>Size in points, weight, slant, colour and line height (a multiple of the size).</summary>
public sealed record TextStyle(double Size, bool Bold, bool Italic, XColor Color, double Leading = 1.35)
{
    public double LineHeight => Size * Leading;

    public TextStyle WithColor(XColor color) => this with { Color = color };

    public TextStyle AsBold() => this with { Bold = true };

    internal FontSpec Font(bool cjk) => new(cjk ? FontResolver.CjkFamily : FontResolver.SansFamily, Size, Bold, Italic);
}

public sealed record TextSpan(string Text, TextStyle Style);

/// <summary>Something a flow or a table cell can lay out into lines of a given width.</summary>
internal interface IBlock
{
    IEnumerable<LineBox> Lay(TextEngine engine, double width);
}

/// <summary>
/// Rich text: spans of different styles that wrap together. A bullet hangs in the left indent of the first line.
/// </summary>
internal sealed record Paragraph(IReadOnlyList<TextSpan> Spans, TextAlign Align = TextAlign.Left) : IBlock
{
    public Paragraph(string text, TextStyle style, TextAlign align = TextAlign.Left)
        : this([new TextSpan(text, style)], align)
    {
    }

    public double SpaceBefore { get; init; }

    public double SpaceAfter { get; init; }

    public string? Bullet { get; init; }

    public double BulletIndent { get; init; } = 10;

    public IEnumerable<LineBox> Lay(TextEngine engine, double width)
    {
        if (SpaceBefore > 0)
        {
            yield return LineBox.Spacer(SpaceBefore);
        }

        var indent = Bullet is null ? 0 : BulletIndent;
        var first = true;
        foreach (var line in engine.Break(Spans, width - indent, Align))
        {
            if (indent > 0)
            {
                line.Shift(indent);
                if (first && Spans.Count > 0)
                {
                    line.Items.InsertRange(0, engine.SingleLine(Bullet!, Spans[0].Style with { Bold = false }, line.Baseline));
                }
            }

            first = false;
            yield return line;
        }

        if (SpaceAfter > 0)
        {
            yield return LineBox.Spacer(SpaceAfter);
        }
    }
}

/// <summary>A drawing of fixed height (a bar, a chart) that is never split across pages.</summary>
internal sealed record GraphicBlock(Func<TextEngine, double, LineBox> Draw) : IBlock
{
    public IEnumerable<LineBox> Lay(TextEngine engine, double width)
    {
        yield return Draw(engine, width);
    }
}

internal sealed record SpacerBlock(double Height) : IBlock
{
    public IEnumerable<LineBox> Lay(TextEngine engine, double width)
    {
        yield return LineBox.Spacer(Height);
    }
}

/// <summary>
/// One unbreakable horizontal slice: a line of text or a drawing. Items are relative to the box's top left.
/// Spacers are vertical space that the flow drops at the top of a page.
/// </summary>
internal sealed class LineBox
{
    public LineBox(double height, double baseline = 0, bool isSpacer = false)
    {
        Height = height;
        Baseline = baseline;
        IsSpacer = isSpacer;
    }

    public double Height { get; }

    public double Baseline { get; }

    public bool IsSpacer { get; }

    public List<LayoutItem> Items { get; } = [];

    public static LineBox Spacer(double height) => new(height, 0, true);

    public void Shift(double dx)
    {
        for (var i = 0; i < Items.Count; i++)
        {
            Items[i] = Items[i].Offset(dx, 0);
        }
    }
}
