using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Reporting;

/// <summary>
/// Turns an assessment's summary into the <see cref="BaselineReport"/> model: every figure comes from
/// <see cref="AssessmentSummary"/> (the scoring rules), every text from the catalogue. No participant name or
/// email ever enters the model: groups are named, people are only counted.
/// </summary>
public static class BaselineReportBuilder
{
    /// <summary>
    /// How many strengths, weaknesses and gaps in plans the executive summary lists (three each keep it to one page);
    /// it says how many there are, and the full lists follow (gaps in their chapter, the rest in the appendix).
    /// </summary>
    public const int SummaryHighlights = 3;

    /// <param name="assessment">The assessment.</param>
    /// <param name="groups">Its stakeholder groups.</param>
    /// <param name="participants">Its participants (only counted, never named).</param>
    /// <param name="summary">Its figures, from <see cref="AssessmentScorer.Summarise"/>.</param>
    /// <param name="responses">Who started and who finished.</param>
    /// <param name="organisationName">The organisation that ran the assessment.</param>
    /// <param name="catalogue">The texts, in the report's language.</param>
    /// <param name="generatedAt">When the report is made; its date is the report's date.</param>
    /// <param name="consensusDecisions">The appendix's decisions of moderated sessions (none when not moderated).</param>
    /// <param name="labels">The report's fixed wording; English when not given.</param>
    /// <param name="previousCycle">The assessment this one follows up, with its figures: adds the "since the last cycle" chapter.</param>
    public static BaselineReport Build(
        Assessment assessment,
        IReadOnlyList<StakeholderGroup> groups,
        IReadOnlyList<Participant> participants,
        AssessmentSummary summary,
        ParticipantResponses responses,
        string organisationName,
        MaturityCatalogue catalogue,
        DateTimeOffset generatedAt,
        IReadOnlyList<ConsensusDecisionNote>? consensusDecisions = null,
        ReportLabels? labels = null,
        Cycle? previousCycle = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(catalogue);
        labels ??= ReportLabels.For(catalogue.Language);

        var stage = StageOf(catalogue, assessment.Purpose);
        var participation = Participation(groups, participants, responses);
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

        var rows = summary.Characteristics.ToDictionary(c => c.Code, c => Row(c, catalogue, labels), StringComparer.Ordinal);
        var sections = Sections(summary, catalogue, rows);
        var strengths = summary.Strengths.Select(s => Highlight(rows[s.CharacteristicCode])).ToList();
        var weaknesses = summary.Weaknesses.Select(w => Highlight(rows[w.CharacteristicCode])).ToList();
        var executive = new ExecutiveSummary(
            [.. sections.Select(s => s.Score)],
            Radar(sections),
            [.. strengths.Take(SummaryHighlights)],
            [.. weaknesses.Take(SummaryHighlights)],
            [.. summary.GapsInPlans.Take(SummaryHighlights).Select(g => Highlight(rows[g.CharacteristicCode]) with { Note = GapNote(g, labels), Shortfall = g.Shortfall })])
        {
            StrengthCount = strengths.Count,
            WeaknessCount = weaknesses.Count,
            PlanGapCount = summary.GapsInPlans.Count,
        };

        return new BaselineReport(
            metadata,
            executive,
            sections,
            PerceptionGaps(summary, catalogue),
            PlanGaps(summary, catalogue, rows, labels),
            NextSteps(catalogue, stage, summary, labels),
            Appendix(catalogue, consensusDecisions ?? [], labels))
        {
            Labels = labels,
            StrengthsInFull = strengths,
            WeaknessesInFull = weaknesses,
            SinceLastCycle = previousCycle is null
                ? null
                : SinceLastCycleBuilder.Build(previousCycle, new Cycle(assessment.Id, assessment.Name, assessment.CycleDate, summary), catalogue, labels),
        };
    }

    private static PdcaStage? StageOf(MaturityCatalogue catalogue, string purpose) =>
        catalogue.PdcaStages.FirstOrDefault(s => string.Equals(s.Key, purpose, StringComparison.Ordinal));

    private static string MethodName(MaturityCatalogue catalogue, AssessmentMethod method) =>
        catalogue.AssessmentMethods.FirstOrDefault(m => string.Equals(m.Key, method.Key(), StringComparison.Ordinal))?.Name ?? method.Key();

    /// <summary>Per group, in display order: participants, those who started and those who finished. Counts only.</summary>
    private static List<GroupParticipation> Participation(IReadOnlyList<StakeholderGroup> groups, IReadOnlyList<Participant> participants, ParticipantResponses responses) =>
    [
        .. groups.OrderBy(g => g.Position).Select(g =>
        {
            var members = participants.Where(p => p.GroupId == g.Id).ToList();
            return new GroupParticipation(
                g.Name,
                members.Count,
                members.Count(p => responses.Started.Contains(p.Id)),
                members.Count(p => responses.Finished.Contains(p.Id)));
        }),
    ];

    private static CharacteristicRow Row(CharacteristicScore score, MaturityCatalogue catalogue, ReportLabels labels)
    {
        var characteristic = catalogue.GetCharacteristic(score.Code);
        var now = score.Now;
        var reached = LevelReached(now.Score);
        return new CharacteristicRow(
            score.Code,
            characteristic.Title,
            now.Score,
            score.InTwoYears.Score,
            SourceText(now.Source, labels),
            now.Statistics.N,
            now.Statistics.Iqr,
            ConsensusText(now.Statistics.Consensus, labels))
        {
            Target = score.Target,
            PlansRegressCount = score.PlansRegressCount,
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

    public static string SourceText(ScoreSource source, ReportLabels labels) => source switch
    {
        ScoreSource.Audited => labels.SourceAudited,
        ScoreSource.Consensus => labels.SourceConsensus,
        ScoreSource.Median => labels.SourceMedian,
        ScoreSource.NotRated => labels.SourceNotRated,
    };

    public static string ConsensusText(ConsensusState state, ReportLabels labels) => state switch
    {
        ConsensusState.BroadAgreement => labels.ConsensusAgreed,
        ConsensusState.NoAgreement => labels.ConsensusNoAgreement,
        ConsensusState.TooFewAnswers => labels.ConsensusTooFewAnswers,
    };

    private static List<DimensionSection> Sections(AssessmentSummary summary, MaturityCatalogue catalogue, Dictionary<string, CharacteristicRow> rows) =>
    [
        .. summary.Dimensions.Select(d =>
        {
            var dimension = catalogue.GetDimension(d.Code);
            var subDimensions = summary.SubDimensions
                .Where(s => string.Equals(s.DimensionCode, d.Code, StringComparison.Ordinal))
                .Select(s => new SubDimensionScore(s.Code, catalogue.GetSubDimension(s.Code).Title, s.Now.Score, s.InTwoYears.Score))
                .ToList();
            var characteristics = summary.Characteristics
                .Where(c => string.Equals(c.DimensionCode, d.Code, StringComparison.Ordinal))
                .Select(c => rows[c.Code])
                .ToList();
            var score = new DimensionScore(d.Code, dimension.Title, d.Now.Score, d.InTwoYears.Score, d.Now.Rated, d.InTwoYears.Rated, d.Now.Total);
            return new DimensionSection(score, dimension.Description, subDimensions, characteristics);
        }),
    ];

    private static List<RadarAxis> Radar(List<DimensionSection> sections) =>
        [.. sections.SelectMany(s => s.SubDimensions).Select(s => new RadarAxis(s.Code, s.Title, s.Now, s.InTwoYears))];

    private static SummaryHighlight Highlight(CharacteristicRow row) =>
        new(row.Code, row.Title, row.Now, row.InTwoYears) { Target = row.Target is { } t ? t.Number() : null };

    private static string GapNote(GapInPlans gap, ReportLabels labels) => gap.Reason switch
    {
        GapInPlansReason.BelowFulfilled => labels.GapBelowFulfilled,
        GapInPlansReason.BelowTarget => Format(labels, labels.GapBelowTargetFormat, gap.Target!.Value.Number()),
        GapInPlansReason.BelowFulfilledAndTarget => Format(labels, labels.GapBelowFulfilledAndTargetFormat, gap.Target!.Value.Number()),
    };

    private static string Format(ReportLabels labels, string format, params object?[] args) =>
        string.Format(CultureInfo.GetCultureInfo(labels.Culture), format, args);

    /// <summary>Every flagged perception gap, largest first: the report's text counts them, so none is left out.</summary>
    private static List<PerceptionGap> PerceptionGaps(AssessmentSummary summary, MaturityCatalogue catalogue) =>
    [
        .. summary.PerceptionGaps.Where(g => g.IsFlagged).Select(g =>
        {
            var view = summary.Characteristic(g.CharacteristicCode).For(g.View);
            return new PerceptionGap(
                g.CharacteristicCode,
                catalogue.GetCharacteristic(g.CharacteristicCode).Title,
                g.View,
                [.. view.Groups.Select(group => new GroupMedian(group.GroupName, group.Statistics.Median, group.Statistics.N))]);
        }),
    ];

    private static List<PlanGap> PlanGaps(AssessmentSummary summary, MaturityCatalogue catalogue, Dictionary<string, CharacteristicRow> rows, ReportLabels labels) =>
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
                Shortfall = g.Shortfall,
                Note = GapNote(g, labels),
            };
        }),
    ];

    private static NextSteps NextSteps(MaturityCatalogue catalogue, PdcaStage? stage, AssessmentSummary summary, ReportLabels labels)
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
            steps.Add(Format(labels, labels.NextStepTakeFindingsFormat, weaknesses, gaps));
        }

        var flagged = summary.PerceptionGaps.Where(g => g.IsFlagged).ToList();
        if (flagged.Count > 0)
        {
            var characteristics = flagged.Select(g => g.CharacteristicCode).Distinct(StringComparer.Ordinal).Count();
            steps.Add(Format(labels, labels.NextStepDiscussPerceptionGapsFormat, flagged.Count, characteristics));
        }

        var following = catalogue.PdcaStages.FirstOrDefault(s => s.Number == stage.Number + 1);
        if (following is not null)
        {
            steps.Add(Format(labels, labels.NextStepThenFormat, following.Name, following.ModelUse));
        }

        return new NextSteps(stage.Name, steps);
    }

    private static ReportAppendix Appendix(MaturityCatalogue catalogue, IReadOnlyList<ConsensusDecisionNote> consensusDecisions, ReportLabels labels) => new(
        labels.MethodologyParagraphs,
        [
            .. catalogue.Classes.Select(c => new ClassLevelDefinitions(
                c.Code,
                c.Name,
                c.Question,
                [.. c.Levels.All.Select(l => new LevelDefinitionText(l.Level, catalogue.GetLevel(l.Level).Name, l.Text))])),
        ],
        consensusDecisions);
}
