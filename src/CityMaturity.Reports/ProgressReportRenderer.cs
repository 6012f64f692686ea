using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using CityMaturity.Reports.Rendering;

namespace CityMaturity.Reports;

/// <summary>Renders a <see cref="ProgressReport"/> as an A4 PDF with the baseline report's layout engine and theme.</summary>
public static class ProgressReportRenderer
{
    public static byte[] Render(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        PdfSharpSetup.EnsureInitialised();
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans");
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans-Bold");
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans-Oblique");
        using var engine = new TextEngine();
        var layout = ProgressReportLayout.Build(report, engine);
        using var stream = new MemoryStream();
        PdfPainter.Paint(layout, engine, stream);
        return stream.ToArray();
    }
}
