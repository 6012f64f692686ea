using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using CityMaturity.Reports.Rendering;

namespace CityMaturity.Reports;

/// <summary>Renders a <see cref="BenchmarkReport"/> as an A4 PDF with the baseline report's layout engine and theme.</summary>
public static class BenchmarkReportRenderer
{
    public static byte[] Render(BenchmarkReport report) => Render(report, out _);

    /// <summary>Renders and hands back the layout that was painted.</summary>
    public static byte[] Render(BenchmarkReport report, out LayoutDocument layout)
    {
        ArgumentNullException.ThrowIfNull(report);
        return PlainReportPages.Render(engine => BenchmarkReportLayout.Build(report, engine), out layout);
    }
}
