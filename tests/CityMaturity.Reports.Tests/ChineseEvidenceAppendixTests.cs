using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

/// <summary>The evidence sample with the Chinese labels (ReportLabels.Chinese), as a report in zh-CN is rendered.</summary>
public sealed class ChineseEvidenceSample() : RenderedReport(ChineseEvidence(), "evidence-zh.pdf")
{
    private static BaselineReport ChineseEvidence()
    {
        var report = EvidenceReports.WithEvidence();
        return report with { Labels = ReportLabels.Chinese, Metadata = report.Metadata with { Language = "zh-CN" } };
    }
}

/// <summary>The evidence appendix in Chinese, read back with pdftotext: its heading, counts, kinds and dates in Chinese.</summary>
public class ChineseEvidenceAppendixTests(ChineseEvidenceSample sample) : IClassFixture<ChineseEvidenceSample>
{
    private string CompactAppendix
    {
        get
        {
            var first = sample.Layout.Anchor("appendix-evidence").PageIndex + 1;
            return RenderedReport.Compact(string.Concat(Enumerable.Range(first, sample.Layout.Pages.Count - first + 1).Select(page => sample.Poppler.Text(page, raw: true))));
        }
    }

    [Fact]
    public void The_appendix_heading_and_its_contents_entry_are_in_Chinese()
    {
        Assert.Contains("附录：评分所依据的证据", RenderedReport.Compact(sample.Poppler.Text(2)));
        // The appendix pages carry the chapter heading in Chinese (after the running header).
        Assert.Contains(RenderedReport.Compact("附录：评分所依据的证据"), CompactAppendix);
        Assert.DoesNotContain("Appendix: evidence behind the scores", sample.Poppler.Text(raw: true));
    }

    [Fact]
    public void Counts_kinds_and_dates_read_in_Chinese()
    {
        var text = CompactAppendix;
        Assert.Contains(RenderedReport.Compact("32 个特征中有 2 个附有证据（共 4 项）；2 个有已发布的指标值。"), text);
        Assert.Contains("文件:Digitalstrategy2025.pdf", text);
        Assert.Contains(RenderedReport.Compact("2026年3月2日，由主持人附加"), text);
        Assert.Contains(RenderedReport.Compact("2026年3月3日，附于参与者的回答"), text);
        Assert.Contains(RenderedReport.Compact("指标值: L1.1.2 (2019), 该年度没有已发布值"), text);
        Assert.Contains(RenderedReport.Compact("42.5 % (2024; 比2023年的38 %上升，向好)"), text);
        Assert.Contains(RenderedReport.Compact("18 % (2024; 与2022年持平)"), text);
    }

    [Fact]
    public void No_English_wording_of_the_appendix_is_left()
    {
        var text = CompactAppendix;
        foreach (var english in new[] { "Evidence items", "Document:", "added by the facilitators", "no published value", "Without evidence", "Score now", "up from", "unchanged since" })
        {
            Assert.DoesNotContain(RenderedReport.Compact(english), text);
        }
    }

    [Fact]
    public void Nothing_runs_past_the_margins() => LayoutAssert.NothingPastTheMargins(sample.Layout);
}
