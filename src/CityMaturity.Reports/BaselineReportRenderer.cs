using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Fonts;
using CityMaturity.Reports.Layout;
using CityMaturity.Reports.Rendering;

namespace CityMaturity.Reports;

/// <summary>
/// Renders a <see cref="BaselineReport"/> as an A4 PDF. Two steps, both public so tests can check the
/// first without reading the second: <see cref="Layout"/> positions every run of text and every shape;
/// <see cref="Paint"/> draws exactly that with PDFsharp.
/// </summary>
public static class BaselineReportRenderer
{
    public static byte[] Render(BaselineReport report)
    {
        using var stream = new MemoryStream();
        Render(report, stream);
        return stream.ToArray();
    }

    public static void Render(BaselineReport report, Stream output) => Render(report, output, out _);

    /// <summary>Renders and hands back the layout that was painted.</summary>
    public static void Render(BaselineReport report, Stream output, out LayoutDocument layout)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        PdfSharpSetup.EnsureInitialised();
        using var engine = CreateEngine(report);
        layout = BaselineReportLayout.Build(report, engine);
        PdfPainter.Paint(layout, engine, output);
    }

    /// <summary>Lays the report out without producing a PDF.</summary>
    public static LayoutDocument Layout(BaselineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        PdfSharpSetup.EnsureInitialised();
        using var engine = CreateEngine(report);
        return BaselineReportLayout.Build(report, engine);
    }

    private static TextEngine CreateEngine(BaselineReport report)
    {
        // Fail with the package name before PDFsharp fails with something vaguer.
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans");
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans-Bold");
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans-Oblique");
        if (ReportText.ContainsCjk(report))
        {
            PdfSharpSetup.Fonts.EnsureAvailable("WenQuanYiZenHei");
        }

        return new TextEngine();
    }
}
