using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Plans;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Reports.Tests;

/// <summary>The progress report read back through pdftotext: the summary, every list whole, and no mention of a list it leaves out.</summary>
public sealed class ProgressReportPdfTests
{
    private static ScorePoint Median(decimal score) => new(score, ScoreSource.Median);

    private static ImprovementAction Action(string code, string title, ActionStatus status, DateOnly due) => new()
    {
        Id = Guid.NewGuid(), CharacteristicCode = code, Title = title, OwnerName = "Planning office", DueDate = due, Status = status,
        Indicators = [new ActionIndicatorTarget { IndicatorCode = "U4SSC-EC-ICT-1", TargetValue = 90, TargetYear = 2026 }],
    };

    private static Domain.Indicators.Indicator Indicator(string code) => new(
        "u4ssc", code, code, "A test indicator.", "EC", "%", Domain.Indicators.IndicatorValueType.Percentage,
        Domain.Indicators.IndicatorDirection.HigherIsBetter, null, null, [], [], null);

    /// <summary>The targets judged as the service judges them, against the given published values.</summary>
    private static Func<ImprovementAction, IReadOnlyList<TargetCheck>> Judged(Dictionary<(string, int), PublishedFigure> published) =>
        a => IndicatorTargetChecks.Of(a, Indicator, published);

    private static ProgressReport Sample(bool withExclusions, int actionCount = 2, ProgressReportLabels? labels = null)
    {
        var moved = new WhatMovedResult(
            [
                new CharacteristicMovement("1.1.1", "1", Median(2), Median(3), 1, Movement.Improved, new GroupSpread(2, 1, -1, SpreadChange.Converged)),
                new CharacteristicMovement("1.1.2", "1", Median(3), Median(2.5m), -0.5m, Movement.Regressed, null),
            ],
            withExclusions ? [new ExcludedCharacteristic("2.1.1", "2", [new Exclusion(ExclusionReason.OutOfScopeInLater, null)])] : []);
        var rate = new RealisationRate(2, 1, 0, 1, withExclusions ? 1 : 0, 50m);
        var realisation = new PlanRealisationResult(
            24, 1m,
            [
                new CharacteristicRealisation("1.1.1", "1", Median(2), Median(3), Median(3), 3, 0, RealisationOutcome.Met),
                new CharacteristicRealisation("1.1.2", "1", Median(3), Median(4), Median(2.5m), 4, -1.5m, RealisationOutcome.Missed),
            ],
            [], [new DimensionRealisation("1", rate)], rate);
        var actions = new[]
        {
            Action("1.1.2", "Open the budget to residents", ActionStatus.InProgress, new DateOnly(2023, 3, 1)),
            Action("1.1.1", "Publish the data strategy", ActionStatus.Done, new DateOnly(2023, 9, 1)),
            Action("1.1.1", "Train the data stewards", ActionStatus.Planned, new DateOnly(2025, 3, 1)),
            Action("1.1.2", "Pilot a citizens' panel", ActionStatus.Dropped, new DateOnly(2023, 6, 1)),
        }.Take(actionCount).ToList();
        var metadata = new ProgressReportMetadata(
            "City of Demoville", "Demoville", "City-wide MMSSC", "Baseline 2022", new DateOnly(2022, 6, 1), "Follow-up 2024",
            new DateOnly(2024, 6, 1), new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero), "en");
        return ProgressReportBuilder.Build(
            metadata, moved, realisation, ActionOutcomes.Of(actions, Judged(new()), moved, realisation),
            actions.ToDictionary(a => a.Id, _ => "Planning office"), SampleReports.Catalogue, labels);
    }

    private static string Text(ProgressReport report) =>
        string.Join(' ', Poppler.For(ProgressReportRenderer.Render(report), "progress.pdf").Text().Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void The_report_summarises_what_moved_the_realisation_and_the_actions_with_their_outcomes()
    {
        var text = Text(Sample(withExclusions: true));

        Assert.Contains("Progress report: Demoville", text, StringComparison.Ordinal);
        Assert.Contains("Of the 2 characteristics compared, 1 improved, 1 regressed and 0 stayed where they were", text, StringComparison.Ordinal);
        Assert.Contains("Plans were realised for 50 % of the characteristics judged: 1 of 2", text, StringComparison.Ordinal);
        Assert.Contains("The earlier cycle's improvement plan has 2 actions: 1 in progress, 1 done.", text, StringComparison.Ordinal);
        Assert.Contains("1 of them are still open although they were due before the later cycle's date.", text, StringComparison.Ordinal);
        Assert.Contains("Open the budget to residents", text, StringComparison.Ordinal);
        Assert.Contains("Publish the data strategy", text, StringComparison.Ordinal);
        Assert.Contains("missed by 1.5", text, StringComparison.Ordinal);
        Assert.Contains("regressed (−0.5)", text, StringComparison.Ordinal);
        Assert.Contains("U4SSC-EC-ICT-1 → 90 by 2026", text, StringComparison.Ordinal);
        // The summary names the "Not compared" chapter, and it is there with its reason.
        Assert.Contains("the chapter “Not compared” lists each", text, StringComparison.Ordinal);
        Assert.Contains("out of scope in the later cycle", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_exclusions_or_actions_the_report_names_no_list_it_leaves_out()
    {
        var text = Text(Sample(withExclusions: false, actionCount: 0));

        Assert.DoesNotContain("Not compared", text, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be compared", text, StringComparison.Ordinal);
        Assert.Contains("The earlier cycle recorded no improvement actions.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listed", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_indicator_target_says_whether_the_published_value_of_its_year_reached_it()
    {
        var moved = new WhatMovedResult([new CharacteristicMovement("1.1.1", "1", Median(2), Median(3), 1, Movement.Improved, null)], []);
        var rate = new RealisationRate(0, 0, 0, 0, 0, null);
        var realisation = new PlanRealisationResult(24, 1m, [], [], [new DimensionRealisation("1", rate)], rate);
        var action = Action("1.1.1", "Fibre to every school", ActionStatus.Done, new DateOnly(2023, 9, 1));
        action.Indicators.Add(new ActionIndicatorTarget { IndicatorCode = "U4SSC-EC-ICT-2", TargetValue = 50, TargetYear = 2027 });
        var published = new Dictionary<(string, int), PublishedFigure> { [("U4SSC-EC-ICT-1", 2026)] = new(92, "%") };
        var outcomes = ActionOutcomes.Of([action], Judged(published), moved, realisation);
        var metadata = new ProgressReportMetadata(
            "City of Demoville", "Demoville", "City-wide MMSSC", "Baseline 2022", new DateOnly(2022, 6, 1), "Follow-up 2024",
            new DateOnly(2024, 6, 1), new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero), "en");

        var text = Text(ProgressReportBuilder.Build(metadata, moved, realisation, outcomes, new Dictionary<Guid, string>(), SampleReports.Catalogue));

        Assert.Contains("U4SSC-EC-ICT-1 → 90 by 2026: reached (92 in 2026, higher is better)", text, StringComparison.Ordinal);
        Assert.Contains("U4SSC-EC-ICT-2 → 50 by 2027: no published value for 2027 yet", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A comparison leaving out three characteristics for every kind of reason, one of them for two reasons at once, with
    /// the given labels.
    /// </summary>
    private static ProgressReport WithEveryReason(ProgressReportLabels labels)
    {
        var moved = new WhatMovedResult(
            [new CharacteristicMovement("1.1.1", "1", Median(2), Median(3), 1, Movement.Improved, null)],
            [
                new ExcludedCharacteristic("2.1.1", "2", [new Exclusion(ExclusionReason.NotRated, CyclePoint.LaterNow)]),
                new ExcludedCharacteristic("2.1.2", "2", [new Exclusion(ExclusionReason.OutOfScopeInLater, null)]),
                new ExcludedCharacteristic("2.1.3", "2", [new Exclusion(ExclusionReason.OutOfScopeInEarlier, null)]),
            ]);
        var rate = new RealisationRate(0, 0, 0, 0, 3, null);
        var realisation = new PlanRealisationResult(
            24, 1m, [],
            [new ExcludedCharacteristic("2.1.1", "2", [new Exclusion(ExclusionReason.DontKnow, CyclePoint.EarlierInTwoYears)])],
            [new DimensionRealisation("1", rate), new DimensionRealisation("2", rate)], rate);
        var metadata = new ProgressReportMetadata(
            "City of Demoville", "Demoville", "City-wide MMSSC", "Baseline 2022", new DateOnly(2022, 6, 1), "Follow-up 2024",
            new DateOnly(2024, 6, 1), new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero), labels.Culture);
        return ProgressReportBuilder.Build(metadata, moved, realisation, [], new Dictionary<Guid, string>(), SampleReports.Catalogue, labels);
    }

    [Fact]
    public void Each_reason_for_not_comparing_is_worded_by_the_labels_with_the_point_it_concerns()
    {
        var text = Text(WithEveryReason(ProgressReportLabels.English));

        Assert.Contains("Not compared Characteristics left out of the comparison, with the reason. Characteristic Reason", text, StringComparison.Ordinal);
        Assert.Contains("not rated (later, now); only “don't know” (earlier, in two years)", text, StringComparison.Ordinal);
        Assert.Contains("out of scope in the later cycle", text, StringComparison.Ordinal);
        Assert.Contains("out of scope in the earlier cycle", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chinese_progress_report_words_its_chapters_and_every_reason_for_not_comparing_in_chinese()
    {
        Assert.Same(ProgressReportLabels.Chinese, ProgressReportLabels.For("zh-CN"));
        Assert.Same(ProgressReportLabels.English, ProgressReportLabels.For("en"));
        var text = RenderedReport.Compact(Text(WithEveryReason(ProgressReportLabels.Chinese)));

        foreach (var chinese in new[]
        {
            "进展报告", "执行摘要", "变化情况", "计划实现情况", "行动及其结果", "未对比", "未纳入对比的特征及其原因。",
            "3 个特征无法对比；“未对比”一章逐一列出其原因。", "2024年6月1日",
            "未评级（较晚周期，当前）；只有“不知道”的回答（较早周期，两年后）", "不在较晚周期的范围内", "不在较早周期的范围内",
        })
        {
            Assert.Contains(RenderedReport.Compact(chinese), text);
        }

        foreach (var english in new[] { "Not compared", "out of scope", "not rated", "don't know", "earlier, now", "later, now", "Executive summary", "Reason" })
        {
            Assert.DoesNotContain(RenderedReport.Compact(english), text);
        }
    }

    [Fact]
    public void A_chinese_progress_report_words_every_action_status_in_chinese_in_the_summary_and_the_table()
    {
        var text = RenderedReport.Compact(Text(Sample(withExclusions: false, actionCount: 4, ProgressReportLabels.Chinese)));

        // The summary counts each status in its own words, and the table names each action's status.
        Assert.Contains(RenderedReport.Compact("较早周期的改进计划共有 4 项行动：计划中 1 项，进行中 1 项，已完成 1 项，已放弃 1 项。"), text);
        foreach (var status in new[] { "计划中", "进行中", "已完成", "已放弃" })
        {
            Assert.True(text.Split(status).Length - 1 >= 2, $"'{status}' should be in the summary and in the actions table.");
        }

        foreach (var english in new[] { "Planned", "planned", "Inprogress", "inprogress", "Done", "done", "Dropped", "dropped" })
        {
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_english_progress_report_names_every_action_status()
    {
        var text = Text(Sample(withExclusions: false, actionCount: 4));

        Assert.Contains("The earlier cycle's improvement plan has 4 actions: 1 planned, 1 in progress, 1 done, 1 dropped.", text, StringComparison.Ordinal);
        foreach (var status in new[] { "Planned", "In progress", "Done", "Dropped" })
        {
            Assert.Contains(status, text, StringComparison.Ordinal);
        }
    }
}
