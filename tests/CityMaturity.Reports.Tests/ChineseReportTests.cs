using CityMaturity.Reports.Fonts;

namespace CityMaturity.Reports.Tests;

/// <summary>A report in Chinese: CJK text is set in WenQuanYi Zen Hei (face 0 of a .ttc) and extracts as text.</summary>
public class ChineseReportTests(ChineseSample sample) : IClassFixture<ChineseSample>
{
    [Fact]
    public void Pdftotext_returns_the_Chinese_community_criterion_and_labels()
    {
        var text = sample.CompactText;
        Assert.Contains(SampleReports.ChineseCommunity, text);
        Assert.Contains(RenderedReport.Compact(SampleReports.ChineseCriterion), text);
        Assert.Contains("基线成熟度报告", text);
        Assert.Contains("上海市浦东新区人民政府数字化转型办公室", text);
        Assert.Contains($"第3页，共{sample.Layout.Pages.Count}页", text);
        Assert.Contains("2026年3月14日", text);
    }

    [Fact]
    public void Every_chapter_of_a_chinese_report_is_worded_in_chinese_not_only_the_evidence_appendix()
    {
        // The layout's labels. The sample's model was built with English wording (methodology paragraphs, sources), as a
        // hand-made model; BaselineReportBuilderTests.The_builder_takes_its_wording_from_the_labels covers the builder.
        var text = sample.CompactText;
        foreach (var chinese in new[]
        {
            "智慧可持续社区成熟度评估", "参与情况", "执行摘要", "成熟度概况", "主要优势", "薄弱环节", "子维度得分",
            "利益相关方群体看法不同之处", "计划差距及可提供帮助的文件", "得分的计算方法", "等级定义", "全部优势与薄弱环节",
        })
        {
            Assert.Contains(RenderedReport.Compact(chinese), text);
        }

        foreach (var english in new[]
        {
            "Smart sustainable community maturity assessment", "Executive summary", "Maturity profile", "Top strengths",
            "Sub-dimension scores", "Where stakeholder groups see it differently", "Gaps in plans and what helps",
            "How the scores are computed", "Level definitions", "Strengths and weaknesses in full", "Score now", "rated)",
        })
        {
            Assert.DoesNotContain(RenderedReport.Compact(english), text);
        }
    }

    [Fact]
    public void The_CJK_font_is_embedded_as_a_subset_beside_DejaVu_Sans()
    {
        var fonts = sample.Poppler.Fonts();
        Assert.Contains(fonts, f => f.Name.EndsWith("+WenQuanYi Zen Hei", StringComparison.Ordinal) && f.Embedded && f.Subset && f.Unicode);
        Assert.Contains(fonts, f => f.Name.EndsWith("+DejaVu Sans", StringComparison.Ordinal));
    }

    [Fact]
    public void Chinese_characters_are_set_in_the_CJK_font_and_Latin_in_DejaVu()
    {
        var runs = sample.Layout.TextRuns.ToList();
        Assert.All(runs.Where(r => r.Font.Family == FontResolver.CjkFamily), r => Assert.DoesNotMatch("[A-Za-z]", r.Text));
        Assert.All(runs.Where(r => r.Font.Family == FontResolver.SansFamily), r => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", r.Text));
        Assert.Contains(runs, r => r.Font.Family == FontResolver.CjkFamily && r.Text.Contains("浦东", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_runs_past_the_margins() => LayoutAssert.NothingPastTheMargins(sample.Layout);

    [Fact]
    public void The_file_name_keeps_the_Chinese_name() =>
        Assert.Equal("上海市浦东新区-2026年基线评估-baseline-2026-03-14.pdf", ReportFileName.For(sample.Report));
}
