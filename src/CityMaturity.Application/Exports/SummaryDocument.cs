using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Application.Exports;

/// <summary>
/// The summary JSON of <c>GET /api/assessments/{id}/summary</c> (docs/api.md): the figures of
/// <see cref="AssessmentScorer"/>, named for integrators, nothing computed here. Stable: fields are only ever added.
/// </summary>
public sealed record SummaryDocument(
    Guid AssessmentId,
    string Name,
    string Status,
    IReadOnlyList<SummaryGroup> Groups,
    IReadOnlyList<SummaryCharacteristic> Characteristics,
    IReadOnlyList<SummaryAggregate> SubDimensions,
    IReadOnlyList<SummaryAggregate> Dimensions,
    SummaryOverallIndex OverallIndexOfDimensionMeans,
    IReadOnlyList<SummaryListEntry> Strengths,
    IReadOnlyList<SummaryListEntry> Weaknesses,
    IReadOnlyList<SummaryGapInPlans> GapsInPlans,
    IReadOnlyList<SummaryPerceptionGap> PerceptionGaps)
{
    /// <param name="evidenceCounts">Current evidence items per characteristic (issue 15); absent codes have none.</param>
    public static SummaryDocument From(Assessment assessment, AssessmentSummary summary, MaturityCatalogue catalogue, IReadOnlyDictionary<string, int>? evidenceCounts = null)
    {
        string Title(string code) => catalogue.GetCharacteristic(code).Title;
        var counts = evidenceCounts ?? new Dictionary<string, int>();
        return new SummaryDocument(
            assessment.Id,
            assessment.Name,
            assessment.Status.Key(),
            [.. summary.Groups.Select(g => new SummaryGroup(g.Id, g.Name))],
            [.. summary.Characteristics.Select(c => SummaryCharacteristic.From(c, catalogue) with { EvidenceCount = counts.GetValueOrDefault(c.Code) })],
            [.. summary.SubDimensions.Select(s => new SummaryAggregate(s.Code, catalogue.GetSubDimension(s.Code).Title, s.DimensionCode, SummaryScore.From(s.Now), SummaryScore.From(s.InTwoYears)))],
            [.. summary.Dimensions.Select(d => new SummaryAggregate(d.Code, catalogue.GetDimension(d.Code).Title, null, SummaryScore.From(d.Now), SummaryScore.From(d.InTwoYears)))],
            new SummaryOverallIndex(summary.OverallIndexOfDimensionMeans.Now, summary.OverallIndexOfDimensionMeans.InTwoYears),
            [.. summary.Strengths.Select(s => new SummaryListEntry(s.CharacteristicCode, Title(s.CharacteristicCode), s.ScoreNow, SummaryKeys.Of(s.Source)))],
            [.. summary.Weaknesses.Select(w => new SummaryListEntry(w.CharacteristicCode, Title(w.CharacteristicCode), w.ScoreNow, SummaryKeys.Of(w.Source)))],
            [.. summary.GapsInPlans.Select(g => new SummaryGapInPlans(g.CharacteristicCode, Title(g.CharacteristicCode), g.ScoreInTwoYears, SummaryKeys.Of(g.Source), g.Target?.Number(), SummaryKeys.Of(g.Reason), g.Shortfall))],
            [.. summary.PerceptionGaps.Select(p => new SummaryPerceptionGap(
                p.CharacteristicCode, Title(p.CharacteristicCode), SummaryKeys.Of(p.View), p.Gap, p.IsFlagged,
                [.. p.GroupMedians.Select(m => new SummaryGroupMedian(m.GroupId, m.GroupName, m.Median))],
                [.. p.HighestGroups.Select(m => m.GroupName)],
                [.. p.LowestGroups.Select(m => m.GroupName)]))]);
    }
}

public sealed record SummaryGroup(Guid Id, string Name);

public sealed record SummaryCharacteristic(
    string Code,
    string Title,
    string SubDimension,
    string Dimension,
    SummaryView Now,
    SummaryView InTwoYears,
    decimal? PlannedImprovement,
    int? Target,
    int PlansRegressCount)
{
    /// <summary>How many current evidence items (documents, links, indicator references) the characteristic has.</summary>
    public int EvidenceCount { get; init; }

    public static SummaryCharacteristic From(CharacteristicScore score, MaturityCatalogue catalogue) => new(
        score.Code,
        catalogue.GetCharacteristic(score.Code).Title,
        score.SubDimensionCode,
        score.DimensionCode,
        SummaryView.From(score.Now),
        SummaryView.From(score.InTwoYears),
        score.PlannedImprovement,
        score.Target?.Number(),
        score.PlansRegressCount);
}

/// <summary>One view of one characteristic: S and its source, the statistics over everyone, and per group.</summary>
public sealed record SummaryView(
    decimal? Score,
    string ScoreSource,
    int N,
    IReadOnlyList<int> Distribution,
    decimal? Mean,
    decimal? Median,
    int? Min,
    int? Max,
    decimal? Q1,
    decimal? Q3,
    decimal? Iqr,
    decimal? Agreement,
    string Consensus,
    int DontKnow,
    int Responses,
    IReadOnlyList<SummaryGroupStatistics> Groups)
{
    public static SummaryView From(ViewScore view)
    {
        var s = view.Statistics;
        return new SummaryView(
            view.Score, SummaryKeys.Of(view.Source), s.N, [.. s.Distribution], s.Mean, s.Median, s.Min?.Number(), s.Max?.Number(),
            s.Q1, s.Q3, s.Iqr, s.AgreementPercent, SummaryKeys.Of(s.Consensus), s.DontKnowCount, s.ResponseCount,
            [.. view.Groups.Select(SummaryGroupStatistics.From)]);
    }
}

/// <summary>The same statistics for one stakeholder group (a group has no S of its own: its median is its reading).</summary>
public sealed record SummaryGroupStatistics(
    Guid GroupId,
    string Group,
    int N,
    IReadOnlyList<int> Distribution,
    decimal? Mean,
    decimal? Median,
    int? Min,
    int? Max,
    decimal? Q1,
    decimal? Q3,
    decimal? Iqr,
    decimal? Agreement,
    string Consensus,
    int DontKnow,
    int Responses)
{
    public static SummaryGroupStatistics From(GroupViewStatistics group)
    {
        var s = group.Statistics;
        return new SummaryGroupStatistics(
            group.GroupId, group.GroupName, s.N, [.. s.Distribution], s.Mean, s.Median, s.Min?.Number(), s.Max?.Number(),
            s.Q1, s.Q3, s.Iqr, s.AgreementPercent, SummaryKeys.Of(s.Consensus), s.DontKnowCount, s.ResponseCount);
    }
}

/// <summary>A sub-dimension (with its dimension) or a dimension (dimension null).</summary>
public sealed record SummaryAggregate(string Code, string Title, string? Dimension, SummaryScore Now, SummaryScore InTwoYears);

/// <summary>Mean of S over the rated characteristics, with "rated of total".</summary>
public sealed record SummaryScore(decimal? Score, int Rated, int Total)
{
    public static SummaryScore From(AggregatedScore score) => new(score.Score, score.Rated, score.Total);
}

public sealed record SummaryOverallIndex(decimal? Now, decimal? InTwoYears);

public sealed record SummaryListEntry(string Code, string Title, decimal Score, string ScoreSource);

public sealed record SummaryGapInPlans(string Code, string Title, decimal ScoreInTwoYears, string ScoreSource, int? Target, string Reason, decimal Shortfall);

public sealed record SummaryGroupMedian(Guid GroupId, string Group, decimal Median);

public sealed record SummaryPerceptionGap(
    string Code,
    string Title,
    string View,
    decimal Gap,
    bool Flagged,
    IReadOnlyList<SummaryGroupMedian> GroupMedians,
    IReadOnlyList<string> HighestGroups,
    IReadOnlyList<string> LowestGroups);

/// <summary>The interchange spellings of the scoring vocabulary, shared by JSON, CSV and XLSX.</summary>
public static class SummaryKeys
{
    public static string Of(ScoreSource source) => source switch
    {
        ScoreSource.Audited => "audited",
        ScoreSource.Consensus => "consensus",
        ScoreSource.Median => "median",
        ScoreSource.NotRated => "not-rated",
    };

    public static string Of(ConsensusState consensus) => consensus switch
    {
        ConsensusState.TooFewAnswers => "too-few-answers",
        ConsensusState.BroadAgreement => "broad-agreement",
        ConsensusState.NoAgreement => "no-agreement",
    };

    public static string Of(RatingView view) => view switch
    {
        RatingView.Now => "now",
        RatingView.InTwoYears => "in-two-years",
    };

    public static string Of(GapInPlansReason reason) => reason switch
    {
        GapInPlansReason.BelowFulfilled => "below-fulfilled",
        GapInPlansReason.BelowTarget => "below-target",
        GapInPlansReason.BelowFulfilledAndTarget => "below-fulfilled-and-target",
    };
}
