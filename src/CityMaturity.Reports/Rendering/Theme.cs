using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// The report's look in one place: A4 with generous margins, DejaVu Sans throughout, a restrained palette of
/// navy, teal and burnt orange. Every text colour passes WCAG AA (4.5:1) on white and on the light fills.
/// </summary>
internal static class Theme
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double MarginLeft = 62;
    public const double MarginRight = 62;
    public const double MarginTop = 72;
    public const double MarginBottom = 66;

    /// <summary>Running heads and feet stay at least this far from the paper's edge.</summary>
    public const double SafeEdge = 28;

    public static XRect Body { get; } = new(MarginLeft, MarginTop, PageWidth - MarginLeft - MarginRight, PageHeight - MarginTop - MarginBottom);

    public static XRect Printable { get; } = new(SafeEdge, SafeEdge, PageWidth - (2 * SafeEdge), PageHeight - (2 * SafeEdge));

    public static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x33);          // 14.5:1
    public static readonly XColor Muted = XColor.FromArgb(0x4A, 0x55, 0x68);        // 7.6:1
    public static readonly XColor Rule = XColor.FromArgb(0xCB, 0xD2, 0xD9);
    public static readonly XColor Grid = XColor.FromArgb(0xD9, 0xDE, 0xE4);
    public static readonly XColor Fill = XColor.FromArgb(0xF1, 0xF4, 0xF8);
    public static readonly XColor HeaderFill = XColor.FromArgb(0xE6, 0xEC, 0xF2);
    public static readonly XColor Primary = XColor.FromArgb(0x1F, 0x4E, 0x79);      // navy, 8.6:1
    public static readonly XColor PrimarySoft = XColor.FromArgb(0xC9, 0xD8, 0xEA);
    public static readonly XColor Accent = XColor.FromArgb(0x0F, 0x76, 0x6E);       // teal, 5.5:1
    public static readonly XColor AccentSoft = XColor.FromArgb(0xB7, 0xE0, 0xDC);
    public static readonly XColor TargetColor = XColor.FromArgb(0x9C, 0x42, 0x21);  // burnt orange, 6.9:1
    public static readonly XColor White = XColor.FromArgb(0xFF, 0xFF, 0xFF);
    public static readonly XColor CoverBand = XColor.FromArgb(0x17, 0x3B, 0x5C);
    public static readonly XColor CoverSoft = XColor.FromArgb(0xD5, 0xE2, 0xF0);

    public static readonly TextStyle BodyText = new(9, false, false, Ink, 1.45);
    public static readonly TextStyle BodyMuted = new(9, false, false, Muted, 1.45);
    public static readonly TextStyle Small = new(7.5, false, false, Muted, 1.35);
    public static readonly TextStyle SmallItalic = new(7.5, false, true, Muted, 1.35);
    public static readonly TextStyle Cell = new(7.5, false, false, Ink, 1.3);
    public static readonly TextStyle CellBold = Cell.AsBold();
    public static readonly TextStyle CellHead = new(7, true, false, Ink, 1.3);
    public static readonly TextStyle Criterion = new(7, false, false, Muted, 1.3);
    public static readonly TextStyle CriterionLead = new(7, true, false, Muted, 1.3);
    public static readonly TextStyle H1 = new(19, true, false, Primary, 1.25);
    public static readonly TextStyle H2 = new(11.5, true, false, Ink, 1.3);
    public static readonly TextStyle H3 = new(9.5, true, false, Ink, 1.35);
    public static readonly TextStyle Running = new(7.5, false, false, Muted, 1.3);
}
