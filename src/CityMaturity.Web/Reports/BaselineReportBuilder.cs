using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;
using CityMaturity.Web.Assessments;
using ReportDimensionScore = CityMaturity.Domain.Reporting.DimensionScore;
using ReportGroupMedian = CityMaturity.Domain.Reporting.GroupMedian;
using ReportPerceptionGap = CityMaturity.Domain.Reporting.PerceptionGap;
using ReportSubDimensionScore = CityMaturity.Domain.Reporting.SubDimensionScore;

namespace CityMaturity.Web.Reports;

/// <summary>
/// Turns an assessment's summary into the <see cref="BaselineReport"/> model: every figure comes from
/// <see cref="AssessmentSummary"/> (the scoring rules), every text from the catalogue. No participant name or
/// email ever enters the model: groups are named, people are only counted.
/// </summary>
public static class BaselineReportBuilder
{
    /// <summary>How many strengths, weaknesses and gaps in plans the executive summary lists (three each keep it to one page).</summary>
    public const int SummaryHighlights = 3;

    /// <summary>At most this many flagged perception gaps get a row (largest first).</summary>
    public const int MaxPerceptionGaps = 12;

    public const string SourceConsensus = "Consensus";
    public const string SourceMedian = "Median";
    public const string SourceNotRated = "Not rated";

    /// <param name="assessment">The assessment as <see cref="AssessmentSummaryService"/> summarised it.</param>
    /// <param name="respondentIds">Participants with at least one answer (a level or "don't know").</param>
    /// <param name="organisationName">The organisation that ran the assessment.</param>
    /// <param name="catalogue">The texts, in the report's language.</param>
    /// <param name="generatedAt">When the report is made; its date is the report's date.</param>
    /// <param name="consensusDecisions">The appendix's decisions of moderated sessions (none when not moderated).</param>
    public static BaselineReport Build(
        SummarisedAssessment assessment,
        IReadOnlySet<Guid> respondentIds,
        string organisationName,
        MaturityCatalogue catalogue,
        DateTimeOffset generatedAt,
        IReadOnlyList<ConsensusDecisionNote>? consensusDecisions = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(respondentIds);
        ArgumentNullException.ThrowIfNull(catalogue);
        return Build(assessment.Assessment, assessment.Groups, assessment.Participants, assessment.Summary, respondentIds, organisationName, catalogue, generatedAt, consensusDecisions);
    }

    /// <summary>The same from the parts, for callers that score without a database (benchmarks, tools).</summary>
    public static BaselineReport Build(
        Assessment assessment,
        IReadOnlyList<StakeholderGroup> groups,
        IReadOnlyList<Participant> participants,
        AssessmentSummary summary,
        IReadOnlySet<Guid> respondentIds,
        string organisationName,
        MaturityCatalogue catalogue,
        DateTimeOffset generatedAt,
        IReadOnlyList<ConsensusDecisionNote>? consensusDecisions = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(respondentIds);
        ArgumentNullException.ThrowIfNull(catalogue);

        var stage = StageOf(catalogue, assessment.Purpose);
        var participation = Participation(groups, participants, respondentIds);
        var metadata = new ReportMetadata(
            organisationName,
            assessment.Community,
            assessment.Name,
            DateOnly.FromDateTime(generatedAt.UtcDateTime),
            MethodName(catalogue, assessment.Method),
            stage?.Name ?? assessment.Purpose,
            participation,
            catalogue.Language,
            generatedAt)
        {
            Standard = catalogue.Standard.Code,
        };

        var rows = summary.Characteristics.ToDictionary(c => c.Code, c => Row(c, catalogue), StringComparer.Ordinal);
        var sections = Sections(summary, catalogue, rows);
        var executive = new ExecutiveSummary(
            [.. sections.Select(s => s.Score)],
            Radar(sections),
            [.. summary.Strengths.Take(SummaryHighlights).Select(s => Highlight(rows[s.CharacteristicCode]))],
            [.. summary.Weaknesses.Take(SummaryHighlights).Select(w => Highlight(rows[w.CharacteristicCode]))],
            [.. summary.GapsInPlans.Take(SummaryHighlights).Select(g => Highlight(rows[g.CharacteristicCode]) with { Note = GapNote(g) })]);

        return new BaselineReport(
            metadata,
            executive,
            sections,
            PerceptionGaps(summary, catalogue),
            PlanGaps(summary, catalogue, rows),
            NextSteps(catalogue, stage, summary),
            Appendix(catalogue, consensusDecisions ?? []));
    }

    private static PdcaStage? StageOf(MaturityCatalogue catalogue, string purpose) =>
        catalogue.PdcaStages.FirstOrDefault(s => string.Equals(s.Key, purpose, StringComparison.Ordinal));

    private static string MethodName(MaturityCatalogue catalogue, AssessmentMethod method) =>
        catalogue.AssessmentMethods.FirstOrDefault(m => string.Equals(m.Key, method.Key(), StringComparison.Ordinal))?.Name ?? method.Key();

    /// <summary>Per group, in display order: participants, and those with at least one answer. Counts only.</summary>
    private static List<GroupParticipation> Participation(IReadOnlyList<StakeholderGroup> groups, IReadOnlyList<Participant> participants, IReadOnlySet<Guid> respondentIds) =>
    [
        .. groups.OrderBy(g => g.Position).Select(g =>
        {
            var members = participants.Where(p => p.GroupId == g.Id).ToList();
            return new GroupParticipation(g.Name, members.Count, members.Count(p => respondentIds.Contains(p.Id)));
        }),
    ];

    private static CharacteristicRow Row(CharacteristicScore score, MaturityCatalogue catalogue)
    {
        var characteristic = catalogue.GetCharacteristic(score.Code);
        var now = score.Now;
        var reached = LevelReached(now.Score);
        return new CharacteristicRow(
            score.Code,
            characteristic.Title,
            now.Score,
            score.InTwoYears.Score,
            SourceText(now.Source),
            now.Statistics.N,
            now.Statistics.Iqr,
            ConsensusText(now.Statistics.Consensus))
        {
            Target = score.Target,
            LevelReached = reached,
            LevelReachedName = reached is { } level ? catalogue.GetLevel(level).Name : null,
            LevelReachedCriterion = reached is { } criterionLevel ? characteristic.Criteria[criterionLevel] : null,
        };
    }

    /// <summary>
    /// The level fully reached: the whole part of the score, so a median of 2.5 (between two answers) reads as
    /// level 2 — level 3 is not reached until the middle answers say so.
    /// </summary>
    public static MaturityLevel? LevelReached(decimal? score) =>
        score is { } s && MaturityLevels.TryFromNumber((int)Math.Floor(s), out var level) ? level : null;

    public static string SourceText(ScoreSource source) => source switch
    {
        ScoreSource.Consensus => SourceConsensus,
        ScoreSource.Median => SourceMedian,
        ScoreSource.NotRated => SourceNotRated,
    };

    public static string ConsensusText(ConsensusState state) => state switch
    {
        ConsensusState.BroadAgreement => "Agreed",
        ConsensusState.NoAgreement => "No agreement",
        ConsensusState.TooFewAnswers => "Too few answers",
    };

    private static List<DimensionSection> Sections(AssessmentSummary summary, MaturityCatalogue catalogue, Dictionary<string, CharacteristicRow> rows) =>
    [
        .. summary.Dimensions.Select(d =>
        {
            var dimension = catalogue.GetDimension(d.Code);
            var subDimensions = summary.SubDimensions
                .Where(s => string.Equals(s.DimensionCode, d.Code, StringComparison.Ordinal))
                .Select(s => new ReportSubDimensionScore(s.Code, catalogue.GetSubDimension(s.Code).Title, s.Now.Score, s.InTwoYears.Score)
                {
                    Target = MeanTarget(summary.Characteristics.Where(c => string.Equals(c.SubDimensionCode, s.Code, StringComparison.Ordinal))),
                })
                .ToList();
            var characteristics = summary.Characteristics
                .Where(c => string.Equals(c.DimensionCode, d.Code, StringComparison.Ordinal))
                .Select(c => rows[c.Code])
                .ToList();
            var score = new ReportDimensionScore(d.Code, dimension.Title, d.Now.Score, d.InTwoYears.Score, d.Now.Rated, d.Now.Total);
            return new DimensionSection(score, dimension.Description, subDimensions, characteristics);
        }),
    ];

    /// <summary>The mean of the targets set in a sub-dimension (2 decimals); null when none is set.</summary>
    private static decimal? MeanTarget(IEnumerable<CharacteristicScore> members)
    {
        var targets = members.Where(c => c.Target.HasValue).Select(c => (decimal)c.Target!.Value.Number()).ToList();
        return targets.Count == 0 ? null : Math.Round(targets.Average(), 2, MidpointRounding.AwayFromZero);
    }

    private static List<RadarAxis> Radar(List<DimensionSection> sections) =>
        [.. sections.SelectMany(s => s.SubDimensions).Select(s => new RadarAxis(s.Code, s.Title, s.Now, s.InTwoYears, s.Target))];

    private static SummaryHighlight Highlight(CharacteristicRow row) =>
        new(row.Code, row.Title, row.Now, row.InTwoYears) { Target = row.Target is { } t ? t.Number() : null };

    private static string GapNote(GapInPlans gap) => gap.Reason switch
    {
        GapInPlansReason.BelowFulfilled => "Current plans do not reach level 3 (Fulfilled) in two years.",
        GapInPlansReason.BelowTarget => string.Create(CultureInfo.InvariantCulture, $"Current plans fall short of the target level {gap.Target!.Value.Number()}."),
        GapInPlansReason.BelowFulfilledAndTarget => string.Create(CultureInfo.InvariantCulture, $"Current plans reach neither level 3 (Fulfilled) nor the target level {gap.Target!.Value.Number()}."),
    };

    private static List<ReportPerceptionGap> PerceptionGaps(AssessmentSummary summary, MaturityCatalogue catalogue) =>
    [
        .. summary.PerceptionGaps.Where(g => g.IsFlagged).Take(MaxPerceptionGaps).Select(g =>
        {
            var view = summary.Characteristic(g.CharacteristicCode).For(g.View);
            return new ReportPerceptionGap(
                g.CharacteristicCode,
                catalogue.GetCharacteristic(g.CharacteristicCode).Title,
                g.View,
                [.. view.Groups.Select(group => new ReportGroupMedian(group.GroupName, group.Statistics.Median, group.Statistics.N))]);
        }),
    ];

    private static List<PlanGap> PlanGaps(AssessmentSummary summary, MaturityCatalogue catalogue, Dictionary<string, CharacteristicRow> rows) =>
    [
        .. summary.GapsInPlans.Select(g =>
        {
            var characteristic = catalogue.GetCharacteristic(g.CharacteristicCode);
            var row = rows[g.CharacteristicCode];
            return new PlanGap(
                g.CharacteristicCode,
                characteristic.Title,
                row.Now,
                row.InTwoYears,
                [.. catalogue.DocumentsFor(characteristic).Select(d => new HelpReference(d.Code, d.Title, d.Purpose))],
                catalogue.LocalGovernmentFunctionsFor(characteristic))
            {
                Target = g.Target is { } t ? t.Number() : null,
                Note = GapNote(g),
            };
        }),
    ];

    private static NextSteps NextSteps(MaturityCatalogue catalogue, PdcaStage? stage, AssessmentSummary summary)
    {
        if (stage is null)
        {
            return new NextSteps(string.Empty, []);
        }

        var steps = new List<string> { stage.ModelUse };
        var weaknesses = summary.Weaknesses.Count;
        var gaps = summary.GapsInPlans.Count;
        if (weaknesses + gaps > 0)
        {
            steps.Add(string.Create(CultureInfo.InvariantCulture,
                $"Take the {weaknesses} weaknesses and {gaps} gaps in plans of this report to the owners of the documents that help, and agree who acts on each."));
        }

        var flagged = summary.PerceptionGaps.Count(g => g.IsFlagged);
        if (flagged > 0)
        {
            steps.Add(string.Create(CultureInfo.InvariantCulture,
                $"Discuss the {flagged} characteristics on which stakeholder groups differ by two levels or more before treating their scores as settled."));
        }

        var following = catalogue.PdcaStages.FirstOrDefault(s => s.Number == stage.Number + 1);
        if (following is not null)
        {
            steps.Add($"Then, at the stage “{following.Name}”: {following.ModelUse}");
        }

        return new NextSteps(stage.Name, steps);
    }

    private static ReportAppendix Appendix(MaturityCatalogue catalogue, IReadOnlyList<ConsensusDecisionNote> consensusDecisions) => new(
        MethodologyParagraphs,
        [
            .. catalogue.Classes.Select(c => new ClassLevelDefinitions(
                c.Code,
                c.Name,
                c.Question,
                [.. c.Levels.All.Select(l => new LevelDefinitionText(l.Level, catalogue.GetLevel(l.Level).Name, l.Text))])),
        ],
        consensusDecisions);

    /// <summary>The scoring rules of docs/methodology.md, in short.</summary>
    public static IReadOnlyList<string> MethodologyParagraphs { get; } =
    [
        "Each participant rated every characteristic twice: the level reached now and the level expected in two years on current plans, " +
        "each a maturity level from 1 to 5 or “don't know”. “Don't know” and unanswered questions are not levels: they never enter a figure.",
        "A characteristic's score is the level agreed in a moderated session where there is one (source “Consensus”), otherwise the median " +
        "of all known levels (source “Median”; with an even number of answers the mean of the two middle ones, so 2.5 is possible). " +
        "With no known level the characteristic is not rated.",
        "n is the number of known levels. The interquartile range (IQR) is the third quartile minus the first, each interpolated between " +
        "the sorted answers as spreadsheets' QUARTILE.INC does. With at least three answers an IQR of 1 or less is broad agreement and a " +
        "larger one no agreement; with fewer there are too few answers to judge.",
        "A sub-dimension's score is the mean of the scores of its rated characteristics; a dimension's score is the mean over all its rated " +
        "characteristics, each weighing the same (not the mean of its sub-dimensions). Means are rounded to two decimals, half away from zero; " +
        "this report shows scores with one decimal. “k of m rated” says how many characteristics had a score.",
        "The level reached, and the achievement criterion quoted for it, is the level the score now reaches in full: its whole part. " +
        "A median of 2.5 therefore quotes the criterion of level 2, because level 3 is reached only by half of the middle answers.",
        "Planned improvement is the score in two years minus the score now. A strength is a score now of 4 or more, a weakness one of 2 or less. " +
        "A gap in plans is a score in two years below 3 (Fulfilled) or below the target the assessment sets for the characteristic.",
        "A perception gap is the largest minus the smallest median of the stakeholder groups that gave a known level; gaps of two levels or more are listed.",
    ];
}
