using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Reports_references_only_the_domain_pdfsharp_and_the_framework()
    {
        var references = typeof(BaselineReportRenderer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("CityMaturity.Domain", references);
        Assert.Contains(references, r => r.StartsWith("PdfSharp", StringComparison.Ordinal));
        var others = references.Where(r => r != "CityMaturity.Domain" && !r.StartsWith("PdfSharp", StringComparison.Ordinal) && !r.StartsWith("System", StringComparison.Ordinal) && r != "netstandard").ToList();
        Assert.Empty(others);
    }

    [Fact]
    public void The_report_model_is_plain_records_without_pdf_types()
    {
        var modelTypes = typeof(BaselineReport).Assembly.GetTypes().Where(t => t.Namespace == typeof(BaselineReport).Namespace).ToList();
        Assert.True(modelTypes.Count >= 15);
        var pdfTyped = modelTypes
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.PropertyType.Namespace?.StartsWith("PdfSharp", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Empty(pdfTyped);
    }

    [Fact]
    public void ReportText_finds_every_string_of_the_model()
    {
        var report = SampleReports.Baseline();
        var texts = ReportText.All(report, includeLabels: false).ToHashSet();
        Assert.Contains(report.Metadata.Community, texts);
        Assert.Contains(report.Appendix.ConsensusDecisions[0].Rationale, texts);
        Assert.Contains(report.PlanGaps[0].Documents[0].Purpose, texts);
        Assert.Contains(report.Summary.Radar[0].Label, texts);
        Assert.DoesNotContain(report.Labels.PageFormat, texts);
        Assert.Contains(report.Labels.PageFormat, ReportText.All(report));
    }
}
