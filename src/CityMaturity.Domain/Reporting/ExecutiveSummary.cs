namespace CityMaturity.Domain.Reporting;

/// <summary>The one-page summary: dimension scores, the radar chart, and what stands out.</summary>
public sealed record ExecutiveSummary(
    IReadOnlyList<DimensionScore> DimensionScores,
    IReadOnlyList<RadarAxis> Radar,
    IReadOnlyList<SummaryHighlight> Strengths,
    IReadOnlyList<SummaryHighlight> Weaknesses,
    IReadOnlyList<SummaryHighlight> PlanGaps);

/// <summary>A dimension's score now and in two years, and how many of its characteristics were rated.</summary>
public sealed record DimensionScore(
    string Code,
    string Title,
    decimal? Now,
    decimal? InTwoYears,
    int RatedCount,
    int CharacteristicCount);

/// <summary>One spoke of the radar chart. Null values leave a gap in that series.</summary>
public sealed record RadarAxis(string Code, string Label, decimal? Now, decimal? InTwoYears, decimal? Target);

/// <summary>A characteristic singled out in the summary (a strength, a weakness or a gap in plans).</summary>
public sealed record SummaryHighlight(string Code, string Title, decimal? Now, decimal? InTwoYears)
{
    public decimal? Target { get; init; }

    /// <summary>Why it was singled out, in a sentence; optional.</summary>
    public string? Note { get; init; }
}
