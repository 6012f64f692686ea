using System.Reflection;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

/// <summary>
/// docs/methodology.md and the report agree on every kind of figure the report prints: each number the report
/// model carries is listed here with the figure kind it is, and each kind is a row of the methodology's table
/// "Figures in the baseline report". A figure added to the model without a definition (like the old mean target of
/// a sub-dimension) fails the first test; a kind dropped from the methodology fails the second.
/// </summary>
public class ReportFigureKindsTests
{
    private static readonly Dictionary<string, string> KindOf = new(StringComparer.Ordinal)
    {
        ["CharacteristicRow.Now"] = "Score S",
        ["CharacteristicRow.InTwoYears"] = "Score S",
        ["CharacteristicRow.Respondents"] = "n",
        ["CharacteristicRow.InterquartileRange"] = "IQR",
        ["CharacteristicRow.ConsensusState"] = "Consensus state",
        ["CharacteristicRow.ScoreSource"] = "Score S",
        ["CharacteristicRow.PlannedImprovement"] = "Planned improvement",
        ["CharacteristicRow.PlansRegressCount"] = "Expect decline",
        ["CharacteristicRow.Target"] = "Target",
        ["CharacteristicRow.LevelReached"] = "Level reached",
        ["SubDimensionScore.Now"] = "Sub-dimension score",
        ["SubDimensionScore.InTwoYears"] = "Sub-dimension score",
        ["RadarAxis.Now"] = "Sub-dimension score",
        ["RadarAxis.InTwoYears"] = "Sub-dimension score",
        ["DimensionScore.Now"] = "Dimension score",
        ["DimensionScore.InTwoYears"] = "Dimension score",
        ["DimensionScore.RatedNow"] = "k of m rated",
        ["DimensionScore.RatedInTwoYears"] = "k of m rated",
        ["DimensionScore.CharacteristicCount"] = "k of m rated",
        ["ExecutiveSummary.StrengthCount"] = "Strengths, weaknesses, gaps in plans (counts)",
        ["ExecutiveSummary.WeaknessCount"] = "Strengths, weaknesses, gaps in plans (counts)",
        ["ExecutiveSummary.PlanGapCount"] = "Strengths, weaknesses, gaps in plans (counts)",
        ["SummaryHighlight.Now"] = "Score S",
        ["SummaryHighlight.InTwoYears"] = "Score S",
        ["SummaryHighlight.Target"] = "Target",
        ["SummaryHighlight.Shortfall"] = "Shortfall",
        ["PlanGap.Now"] = "Score S",
        ["PlanGap.InTwoYears"] = "Score S",
        ["PlanGap.Target"] = "Target",
        ["PlanGap.Shortfall"] = "Shortfall",
        ["PerceptionGap.Spread"] = "Perception gap",
        ["GroupMedian.Median"] = "Group median",
        ["GroupMedian.Respondents"] = "n",
        ["GroupParticipation.Participants"] = "Started, finished",
        ["GroupParticipation.Started"] = "Started, finished",
        ["GroupParticipation.Finished"] = "Started, finished",
        ["GroupParticipation.FinishedRate"] = "Started, finished",
        ["ReportMetadata.ParticipantCount"] = "Started, finished",
        ["ReportMetadata.StartedCount"] = "Started, finished",
        ["ReportMetadata.FinishedCount"] = "Started, finished",
        ["ReportMetadata.FinishedRate"] = "Started, finished",

        ["EvidenceAppendix.ItemCount"] = "Evidence counts",
        ["EvidenceAppendix.WithItems"] = "Evidence counts",
        ["EvidenceAppendix.WithIndicatorValues"] = "Evidence counts",
        ["CharacteristicEvidence.Now"] = "Score S",
        ["EvidenceNote.IndicatorYear"] = "Indicator value",
        ["IndicatorValueNote.Value"] = "Indicator value",
        ["IndicatorValueNote.Year"] = "Indicator value",
        ["IndicatorValueNote.PreviousYear"] = "Indicator value",
        ["IndicatorValueNote.PreviousValue"] = "Indicator value",
        // The "since the last cycle" chapter of a follow-up (docs/methodology.md, "Cycles").
        ["SourcedScore.Score"] = "Score S",
        ["MovedCharacteristic.Change"] = "Change since the last cycle",
        ["CycleComparison.ComparedCount"] = "What moved (counts)",
        ["CycleComparison.Converged"] = "What moved (counts)",
        ["CycleComparison.Diverged"] = "What moved (counts)",
        ["CycleComparison.ElapsedMonths"] = "Elapsed months, share of the plan due",
        ["CycleComparison.ShareOfPlanExpected"] = "Elapsed months, share of the plan due",
        ["RealisedCharacteristic.Expected"] = "Expected level",
        ["RealisedCharacteristic.Difference"] = "Realisation outcome",
        ["RealisationRateRow.Judged"] = "Realisation rate",
        ["RealisationRateRow.Met"] = "Realisation rate",
        ["RealisationRateRow.Exceeded"] = "Realisation rate",
        ["RealisationRateRow.Missed"] = "Realisation rate",
        ["RealisationRateRow.NotJudged"] = "Realisation rate",
        ["RealisationRateRow.Percent"] = "Realisation rate",

        // Not measured figures: a consensus decision's agreed level and the level a definition describes.
        ["ConsensusDecisionNote.Level"] = "Score S",
        ["LevelDefinitionText.Level"] = "Level reached",
    };

    private static readonly Type[] NumberTypes = [typeof(decimal), typeof(decimal?), typeof(int), typeof(int?), typeof(MaturityLevel), typeof(MaturityLevel?)];

    /// <summary>Figures the model carries as words (the builder words them from the scoring's enums).</summary>
    private static readonly string[] WordedFigures = ["CharacteristicRow.ConsensusState", "CharacteristicRow.ScoreSource"];

    /// <summary>Every number a report model record carries ("Type.Property"), and the worded figures.</summary>
    private static List<string> ModelFigures() =>
    [
        .. typeof(BaselineReport).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(BaselineReport).Namespace && t.IsPublic && t != typeof(ReportLabels) && !t.IsAbstract
                        && !t.Name.StartsWith("Progress", StringComparison.Ordinal) && !t.Name.StartsWith("Benchmark", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => NumberTypes.Contains(p.PropertyType))
                .Select(p => $"{t.Name}.{p.Name}"))
            .Concat(WordedFigures)
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Every_figure_of_the_report_model_has_a_kind()
    {
        var figures = ModelFigures();
        Assert.Contains("CharacteristicRow.InterquartileRange", figures); // the reflection finds the model
        AssertNone(figures.Where(f => !KindOf.ContainsKey(f)), "figures of the report model with no kind (define them in docs/methodology.md first)");
        AssertNone(KindOf.Keys.Where(k => !figures.Contains(k)), "kinds listed for figures the model no longer has");
    }

    [Fact]
    public void Every_figure_kind_is_defined_in_the_methodology()
    {
        var table = MethodologyFigureKinds();
        AssertNone(KindOf.Values.Distinct().Where(kind => !table.Contains(kind)), "figure kinds the report prints but docs/methodology.md does not define");
        AssertNone(table.Where(kind => !KindOf.ContainsValue(kind)), "figure kinds docs/methodology.md lists but the report does not print");
    }

    /// <summary>
    /// The progress report's figures and the words of docs/methodology.md's section on cycles that define each; the
    /// baseline table above does not cover them (they compare two cycles).
    /// </summary>
    private static readonly Dictionary<string, string> ProgressDefinedBy = new(StringComparer.Ordinal)
    {
        ["ProgressMovementRow.Earlier"] = "S(now)",
        ["ProgressMovementRow.Later"] = "S(now)",
        ["ProgressMovementRow.Change"] = "with the change",
        ["ProgressActionRow.Change"] = "with the change",
        ["ProgressRealisationRow.Plan"] = "earlier S(in two years)",
        ["ProgressRealisationRow.Expected"] = "*expected level*",
        ["ProgressRealisationRow.LaterNow"] = "later S(now)",
        ["ProgressRealisationRow.Difference"] = "**missed by −d**",
        ["ProgressReport.Converged"] = "*converged*",
        ["ProgressReport.Diverged"] = "*diverged*",
        ["ProgressReport.ActionsOpenPastDue"] = "**open actions past\ndue**",
    };

    /// <summary>
    /// The benchmark report's own figures (its rows carry the comparison's, defined with it) and the words of
    /// docs/benchmarking.md that define each.
    /// </summary>
    private static readonly Dictionary<string, string> BenchmarkDefinedBy = new(StringComparer.Ordinal)
    {
        ["BenchmarkReport.Cities"] = "published cities",
        ["BenchmarkReport.K"] = "privacy threshold *k*",
        ["BenchmarkLearnFrom.Own"] = "your city's own score now",
        ["BenchmarkLearnFrom.AheadFrom"] = "the threshold (\"ahead from\")",
    };

    /// <summary>"Type.Property" of every number of the public types named <paramref name="prefix"/>… beside <paramref name="report"/>.</summary>
    private static List<string> NumberFiguresOf(Type report, string prefix) =>
        [.. report.Assembly.GetTypes()
            .Where(t => t.Namespace == report.Namespace && t.IsPublic && t.Name.StartsWith(prefix, StringComparison.Ordinal) && !t.IsAbstract)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => NumberTypes.Contains(p.PropertyType))
                .Select(p => $"{t.Name}.{p.Name}"))];

    [Fact]
    public void Every_figure_of_the_benchmark_report_is_defined_in_the_benchmarking_guide()
    {
        var figures = NumberFiguresOf(typeof(BenchmarkReport), "Benchmark");
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "benchmarking.md"));

        AssertNone(figures.Where(f => !BenchmarkDefinedBy.ContainsKey(f)), "benchmark report figures with no definition listed here");
        AssertNone(BenchmarkDefinedBy.Keys.Where(k => !figures.Contains(k)), "definitions listed for figures the benchmark report no longer has");
        AssertNone(BenchmarkDefinedBy.Values.Where(words => !guide.Contains(words, StringComparison.Ordinal)), "definitions docs/benchmarking.md does not contain");
    }

    [Fact]
    public void Every_figure_of_the_progress_report_is_defined_in_the_methodologys_section_on_cycles()
    {
        var progressFigures = NumberFiguresOf(typeof(ProgressReport), "Progress");
        var methodology = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "methodology.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = methodology.IndexOf("## Cycles: trend, plan realisation and what moved", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/methodology.md has no section on cycles.");
        var end = methodology.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var section = methodology[start..(end < 0 ? methodology.Length : end)];

        AssertNone(progressFigures.Where(f => !ProgressDefinedBy.ContainsKey(f)), "progress report figures with no definition listed here");
        AssertNone(ProgressDefinedBy.Keys.Where(k => !progressFigures.Contains(k)), "definitions listed for figures the progress report no longer has");
        AssertNone(ProgressDefinedBy.Where(d => !section.Contains(d.Value, StringComparison.Ordinal)).Select(d => d.Key), "progress report figures the methodology's section on cycles does not define");
    }

    private static void AssertNone(IEnumerable<string> items, string what)
    {
        var list = items.ToList();
        Assert.True(list.Count == 0, $"{what}: {string.Join(", ", list)}");
    }

    /// <summary>The first column of the table under "## Figures in the baseline report" in docs/methodology.md.</summary>
    private static HashSet<string> MethodologyFigureKinds()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "methodology.md"));
        var start = Array.IndexOf(lines, "## Figures in the baseline report");
        Assert.True(start >= 0, "docs/methodology.md has no section '## Figures in the baseline report'.");
        return
        [
            .. lines.Skip(start + 1)
                .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
                .Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal))
                .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1])
                .Where(kind => kind != "Figure kind"),
        ];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docs", "methodology.md")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No docs/methodology.md above " + AppContext.BaseDirectory);
    }
}
