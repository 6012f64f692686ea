namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The Chinese (zh-CN) wording of the progress report: cover, summary, every chapter and the reasons a characteristic
/// was not compared, and the actions' statuses. Titles come from the catalogue in its own language. Chosen by <see cref="For"/> from the catalogue's language, as the baseline report's labels are.
/// </summary>
public sealed partial record ProgressReportLabels
{
    public static ProgressReportLabels Chinese { get; } = new()
    {
        Culture = "zh-CN",
        DateFormat = "yyyy年M月d日",
        ReportTitle = "进展报告",
        Kicker = "两个评估周期的对比（ISO 37104 的检查与改进）",
        Organisation = "组织",
        Series = "系列",
        EarlierCycle = "较早周期",
        LaterCycle = "较晚周期",
        MonthsApart = "两个周期相隔的月数",
        ReportCreated = "报告生成日期",
        PageFormat = "第 {0} 页，共 {1} 页",

        ExecutiveSummary = "执行摘要",
        MovedSentenceFormat = "在对比的 {3} 个特征中，{0} 个提升，{1} 个下降，{2} 个保持不变（当前水平）。",
        NotComparedSentenceFormat = "{0} 个特征无法对比；“未对比”一章逐一列出其原因。",
        SpreadSentenceFormat = "利益相关方群体的看法在 {0} 个特征上趋于一致，在 {1} 个特征上分歧加大。",
        RealisationSentenceFormat = "在可判断的特征中，{0} 的计划得以实现：{2} 个中有 {1} 个达到或超过了较早计划所预期的水平。",
        RealisationNoneSentence = "没有可判断的计划：没有任何特征同时具有较早周期的计划和较晚周期的当前水平。",
        ActionsSentenceFormat = "较早周期的改进计划共有 {0} 项行动：{1}。",
        NoActionsSentence = "较早周期没有记录任何改进行动。",
        OpenPastDueSentenceFormat = "其中 {0} 项在较晚周期的日期之前已到期，但仍未完成。",

        WhatMoved = "变化情况",
        WhatMovedIntro = "两个周期都评估过的每个特征的当前得分（S），以及变化幅度和利益相关方群体的看法是否更加接近。",
        Characteristic = "特征",
        Earlier = "较早",
        Later = "较晚",
        Change = "变化",
        Movement = "走向",
        Groups = "群体",
        Improved = "提升",
        Regressed = "下降",
        Unchanged = "不变",
        Converged = "趋于一致",
        Diverged = "分歧加大",
        SpreadUnchanged = "与之前相同",
        NothingCompared = "没有任何特征在两个周期中都得到评级。",

        PlanRealisation = "计划实现情况",
        RealisationIntroFormat = "较早周期的“两年后”水平即为计划。两个周期相隔 {0} 个月，因此计划变化中应完成 {1}：" +
            "若较晚周期的当前水平与该预期相差不超过半个等级，则视为计划达成。",
        Dimension = "维度",
        Overall = "总体",
        Judged = "已判断",
        Met = "达成",
        Exceeded = "超出",
        Missed = "未达成",
        Rate = "实现率",
        Plan = "计划",
        Expected = "预期",
        Outcome = "结果",
        MissedByFormat = "差 {0}",
        ExceededByFormat = "超出 {0}",

        Actions = "行动及其结果",
        ActionsIntro = "较早周期改进计划中的每项行动，连同其状态，以及其所属特征到较晚周期时的变化。",
        Action = "行动",
        Owner = "负责人",
        Due = "截止日期",
        Status = "状态",
        StatusPlanned = "计划中",
        StatusInProgress = "进行中",
        StatusDone = "已完成",
        StatusDropped = "已放弃",
        StatusCountFormat = "{1} {0} 项",
        ListSeparator = "，",
        Indicators = "指标",
        NotComparedShort = "未对比",

        NotCompared = "未对比",
        NotComparedIntro = "未纳入对比的特征及其原因。",
        Reason = "原因",
        ReasonOutOfScopeInEarlier = "不在较早周期的范围内",
        ReasonOutOfScopeInLater = "不在较晚周期的范围内",
        ReasonDontKnow = "只有“不知道”的回答",
        ReasonNotRated = "未评级",
        PointEarlierNow = "较早周期，当前",
        PointEarlierInTwoYears = "较早周期，两年后",
        PointLaterNow = "较晚周期，当前",
        ReasonAtPointFormat = "{0}（{1}）",
        ReasonSeparator = "；",
    };

    /// <summary>The labels for a progress report in <paramref name="language"/> (a BCP 47 tag): Chinese for "zh…", else English.</summary>
    public static ProgressReportLabels For(string? language) => ReportLabels.IsChinese(language) ? Chinese : English;
}
