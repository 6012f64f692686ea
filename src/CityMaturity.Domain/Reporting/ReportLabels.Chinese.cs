namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The Chinese (zh-CN) wording the report has: the cover title, the headings a reader navigates by, page numbers and
/// dates, and the whole evidence appendix. Every other label is still English until a full translation replaces it
/// (docs/evidence.md, "Report appendix"). Chosen by <see cref="For"/> from the catalogue's language.
/// </summary>
public sealed partial record ReportLabels
{
    public static ReportLabels Chinese { get; } = new()
    {
        Culture = "zh-CN",
        DateFormat = "yyyy年M月d日",
        ReportTitle = "基线成熟度报告",
        ExecutiveSummary = "执行摘要",
        Contents = "目录",
        PageFormat = "第 {0} 页，共 {1} 页",
        EvidenceAppendix = "附录：评分所依据的证据",
        EvidenceIntro = "按特征列出评估期间附加的证据（文件、链接和对指标值的引用），以及与之关联的每项指标的最新已发布值；如有上一年的值，一并列出。" +
            "草稿指标值和已删除的证据不列入。不注明证据由谁附加。",
        EvidenceCountFormat = "{1} 个特征中有 {0} 个附有证据（共 {2} 项）；{3} 个有已发布的指标值。",
        EvidenceScoreFormat = "当前得分 {0}",
        EvidenceItems = "证据项目",
        IndicatorValues = "指标值（最新发布）",
        EvidenceDocument = "文件",
        EvidenceLink = "链接",
        EvidenceIndicator = "指标值",
        EvidenceFromParticipant = "附于参与者的回答",
        EvidenceFromAssessment = "由主持人附加",
        EvidenceFromConsensus = "附于共识决定",
        EvidenceAddedFormat = "{1}，{0}",
        IndicatorPreviousFormat = "{1}年：{0}",
        IndicatorReferencedFormat = "已发布值 {0}（{1}年）",
        IndicatorNotPublished = "该年度没有已发布值",
        EvidenceNone = "未附加任何证据，关联指标也没有已发布值。",
        EvidenceWithoutFormat = "没有证据的特征（{0} 个）：{1}。",
        SourceOfValue = "来源",
    };

    /// <summary>The labels for a report in <paramref name="language"/> (a BCP 47 tag): Chinese for "zh…", else English.</summary>
    public static ReportLabels For(string? language) => IsChinese(language) ? Chinese : English;

    /// <summary>Whether <paramref name="language"/> (a BCP 47 tag) is Chinese: "zh" or "zh-…".</summary>
    public static bool IsChinese(string? language) =>
        language is not null && (language.Equals("zh", StringComparison.OrdinalIgnoreCase) || language.StartsWith("zh-", StringComparison.OrdinalIgnoreCase));
}
