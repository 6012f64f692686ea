using System.Text.RegularExpressions;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;

namespace CityMaturity.Reports.Tests;

/// <summary>A report rendered once: the model, the layout that was painted, the PDF and poppler on it.</summary>
public abstract partial class RenderedReport : IDisposable
{
    protected RenderedReport(BaselineReport report, string name)
    {
        Report = report;
        using var stream = new MemoryStream();
        BaselineReportRenderer.Render(report, stream, out var layout);
        Layout = layout;
        Pdf = stream.ToArray();
        Poppler = Poppler.For(Pdf, name);

        // Keep a copy where a person can look at it (CITYMATURITY_SAMPLE_DIR=/tmp/reports).
        var keep = Environment.GetEnvironmentVariable("CITYMATURITY_SAMPLE_DIR");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, name), Pdf);
        }
    }

    public BaselineReport Report { get; }

    public LayoutDocument Layout { get; }

    public byte[] Pdf { get; }

    internal Poppler Poppler { get; }

    public ReportFormat Format => new(Report.Labels);

    /// <summary>pdftotext of the whole document in content order, with every kind of whitespace removed.</summary>
    public string CompactText => compactText ??= Compact(Poppler.Text(raw: true));

    private string? compactText;

    public static string Compact(string text) => WhitespacePattern().Replace(text, string.Empty);

    public void Dispose()
    {
        Poppler.Dispose();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}

public sealed class BaselineSample() : RenderedReport(SampleReports.Baseline(), "baseline.pdf");

public sealed class ExtremeSample() : RenderedReport(SampleReports.Extreme(), "extreme.pdf");

public sealed class ChineseSample() : RenderedReport(SampleReports.Chinese(), "chinese.pdf");

internal static class LayoutAssert
{
    private const double Tolerance = 0.01;

    /// <summary>Body text inside the margins; running heads and feet inside the printable frame and outside the body.</summary>
    public static void NothingPastTheMargins(LayoutDocument layout)
    {
        var body = layout.Body;
        var printable = layout.Printable;
        var offenders = new List<string>();
        foreach (var page in layout.Pages)
        {
            foreach (var run in page.TextRuns)
            {
                var b = run.Bounds;
                var frame = run.Region == PageRegion.Body ? body : printable;
                var inside = b.Left >= frame.Left - Tolerance && b.Right <= frame.Right + Tolerance
                    && b.Top >= frame.Top - Tolerance && b.Bottom <= frame.Bottom + Tolerance;
                var inItsBand = run.Region switch
                {
                    PageRegion.Header => b.Bottom <= body.Top + Tolerance,
                    PageRegion.Footer => b.Top >= body.Bottom - Tolerance,
                    _ => true,
                };
                if (!inside || !inItsBand || run.Width <= 0)
                {
                    offenders.Add($"page {page.Number} {run.Region} [{b.Left:0.##},{b.Top:0.##} – {b.Right:0.##},{b.Bottom:0.##}] \"{Shorten(run.Text)}\"");
                }
            }
        }

        Assert.True(offenders.Count == 0, $"{offenders.Count} text runs lie outside their frame (body {body}):\n" + string.Join("\n", offenders.Take(20)));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
