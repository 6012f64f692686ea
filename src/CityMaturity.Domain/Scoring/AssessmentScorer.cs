using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>The methodology's scoring rules (docs/methodology.md, "Scoring rules") as one pure function.</summary>
public static class AssessmentScorer
{
    private static readonly RatingView[] Views = [RatingView.Now, RatingView.InTwoYears];

    /// <summary>Every figure of an assessment: statistics, scores, summaries and the reading lists.</summary>
    /// <exception cref="ArgumentException">
    /// A code the catalogue does not know, a rating of a group not in <see cref="AssessmentScoringInput.Groups"/>,
    /// a group listed twice, or two consensus decisions for the same characteristic and view.
    /// </exception>
    public static AssessmentSummary Summarise(AssessmentScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var scope = AssessmentScope.Of(input.Catalogue, input.ScopeCodes);
        var tallies = RatingTallies.Count(input.Ratings, scope, input.Groups);
        var consensusLevels = ConsensusLevels(input.ConsensusDecisions, scope);
        var auditedLevels = AuditedLevels(input.AuditedLevels, scope);
        var targets = TargetsInScope(input.Targets, scope);

        var characteristics = new CharacteristicScore[scope.Count];
        for (var index = 0; index < scope.Count; index++)
        {
            characteristics[index] = ScoreCharacteristic(scope.Characteristics[index], index, tallies, consensusLevels, auditedLevels[index], targets[index], input.Groups);
        }

        var dimensions = DimensionScores(input.Catalogue, characteristics);
        return new AssessmentSummary(
            input.Groups,
            characteristics,
            SubDimensionScores(input.Catalogue, characteristics),
            dimensions,
            OverallIndex(input.Catalogue, dimensions),
            ReadingListRules.Strengths(characteristics),
            ReadingListRules.Weaknesses(characteristics),
            ReadingListRules.GapsInPlans(characteristics),
            ReadingListRules.PerceptionGaps(characteristics));
    }

    private static CharacteristicScore ScoreCharacteristic(
        Characteristic characteristic,
        int index,
        RatingTallies tallies,
        MaturityLevel?[] consensusLevels,
        MaturityLevel? audited,
        MaturityLevel? target,
        IReadOnlyList<GroupInput> groups)
    {
        var now = ScoreView(characteristic.Code, index, RatingView.Now, tallies, consensusLevels, audited, groups);
        var inTwoYears = ScoreView(characteristic.Code, index, RatingView.InTwoYears, tallies, consensusLevels, audited: null, groups);
        return new CharacteristicScore(
            characteristic.Code,
            characteristic.SubDimensionCode,
            characteristic.DimensionCode,
            now,
            inTwoYears,
            PlannedImprovement(now, inTwoYears),
            target,
            tallies.PlansRegressCount(index));
    }

    private static ViewScore ScoreView(
        string code,
        int index,
        RatingView view,
        RatingTallies tallies,
        MaturityLevel?[] consensusLevels,
        MaturityLevel? audited,
        IReadOnlyList<GroupInput> groups)
    {
        var statistics = tallies.ForAllParticipants(index, view);
        var byGroup = new GroupViewStatistics[groups.Count];
        for (var group = 0; group < groups.Count; group++)
        {
            byGroup[group] = new GroupViewStatistics(groups[group].Id, groups[group].Name, tallies.ForGroup(index, view, group));
        }

        var (score, source) = ScoreOf(audited, consensusLevels[ConsensusSlot(index, view)], statistics);
        return new ViewScore(view, score, source, statistics, byGroup, ReadingListRules.PerceptionGapOf(code, view, byGroup));
    }

    /// <summary>
    /// S: an audited level wins over a recorded consensus, which wins over the median; none of them means not rated.
    /// </summary>
    private static (decimal? Score, ScoreSource Source) ScoreOf(MaturityLevel? audited, MaturityLevel? consensus, ViewStatistics statistics) =>
        audited is { } verified ? (verified.Number(), ScoreSource.Audited)
        : consensus is { } level ? (level.Number(), ScoreSource.Consensus)
        : statistics.Median is { } median ? (median, ScoreSource.Median)
        : (null, ScoreSource.NotRated);

    private static decimal? PlannedImprovement(ViewScore now, ViewScore inTwoYears) =>
        now.Score is { } scoreNow && inTwoYears.Score is { } scoreInTwoYears ? Figures.WithoutTrailingZeros(scoreInTwoYears - scoreNow) : null;

    private static SubDimensionScore[] SubDimensionScores(MaturityCatalogue catalogue, CharacteristicScore[] characteristics) =>
    [
        .. catalogue.SubDimensions
            .Select(subDimension => (subDimension, members: characteristics.Where(c => c.SubDimensionCode == subDimension.Code).ToArray()))
            .Where(pair => pair.members.Length > 0)
            .Select(pair => new SubDimensionScore(
                pair.subDimension.Code,
                pair.subDimension.DimensionCode,
                MeanScore(pair.members, RatingView.Now),
                MeanScore(pair.members, RatingView.InTwoYears))),
    ];

    /// <summary>Every rated characteristic of the dimension weighs the same, whatever its sub-dimension.</summary>
    private static DimensionScore[] DimensionScores(MaturityCatalogue catalogue, CharacteristicScore[] characteristics) =>
    [
        .. catalogue.Dimensions
            .Select(dimension => (dimension, members: characteristics.Where(c => c.DimensionCode == dimension.Code).ToArray()))
            .Where(pair => pair.members.Length > 0)
            .Select(pair => new DimensionScore(
                pair.dimension.Code,
                MeanScore(pair.members, RatingView.Now),
                MeanScore(pair.members, RatingView.InTwoYears))),
    ];

    private static AggregatedScore MeanScore(CharacteristicScore[] members, RatingView view)
    {
        var sum = 0m;
        var rated = 0;
        foreach (var member in members)
        {
            if (member.For(view).Score is { } score)
            {
                sum += score;
                rated++;
            }
        }

        return new AggregatedScore(rated == 0 ? null : Figures.RoundedMean(sum, rated), rated, members.Length);
    }

    private static OverallIndexOfDimensionMeans OverallIndex(MaturityCatalogue catalogue, DimensionScore[] dimensions)
    {
        decimal? IndexFor(RatingView view)
        {
            var scores = dimensions.Select(d => d.For(view).Score).Where(score => score is not null).Select(score => score!.Value).ToArray();
            return scores.Length == catalogue.Dimensions.Count ? Figures.RoundedMean(scores.Sum(), scores.Length) : null;
        }

        return new OverallIndexOfDimensionMeans(IndexFor(RatingView.Now), IndexFor(RatingView.InTwoYears));
    }

    private static MaturityLevel?[] ConsensusLevels(IReadOnlyList<ConsensusInput> decisions, AssessmentScope scope)
    {
        var levels = new MaturityLevel?[scope.Count * Views.Length];
        foreach (var decision in decisions)
        {
            if (!scope.TryIndexOfKnown(decision.CharacteristicCode, "A consensus decision", out var index))
            {
                continue;
            }

            RequireValid(decision.Level);
            ref var level = ref levels[ConsensusSlot(index, decision.View)];
            if (level is not null)
            {
                throw new ArgumentException($"Two consensus decisions for '{decision.CharacteristicCode}' ({decision.View}).", nameof(decisions));
            }

            level = decision.Level;
        }

        return levels;
    }

    private static MaturityLevel?[] AuditedLevels(IReadOnlyDictionary<string, MaturityLevel> audited, AssessmentScope scope)
    {
        var byIndex = new MaturityLevel?[scope.Count];
        foreach (var (code, level) in audited)
        {
            if (scope.TryIndexOfKnown(code, "An audited level", out var index))
            {
                RequireValid(level);
                byIndex[index] = level;
            }
        }

        return byIndex;
    }

    private static void RequireValid(MaturityLevel level) => _ = ViewStatistics.LevelSlot(level);

    private static int ConsensusSlot(int characteristic, RatingView view) => (characteristic * Views.Length) + (int)view;

    private static MaturityLevel?[] TargetsInScope(IReadOnlyDictionary<string, MaturityLevel> targets, AssessmentScope scope)
    {
        var byIndex = new MaturityLevel?[scope.Count];
        foreach (var (code, level) in targets)
        {
            if (scope.TryIndexOfKnown(code, "A target", out var index))
            {
                RequireValid(level);
                byIndex[index] = level;
            }
        }

        return byIndex;
    }
}
