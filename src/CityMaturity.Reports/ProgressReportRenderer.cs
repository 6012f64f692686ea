using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Rendering;

namespace CityMaturity.Reports;

/// <summary>Renders a <see cref="ProgressReport"/> as an A4 PDF with the baseline report's layout engine and theme.</summary>
public static class ProgressReportRenderer
{
    public static byte[] Render(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return PlainReportPages.Render(engine => ProgressReportLayout.Build(report, engine));
    }
}
