namespace CityMaturity.Domain.Reporting;

/// <summary>The one-page summary: dimension scores, the radar chart, and what stands out.</summary>
public sealed record ExecutiveSummary(
    IReadOnlyList<DimensionScore> DimensionScores,
    IReadOnlyList<RadarAxis> Radar,
    IReadOnlyList<SummaryHighlight> Strengths,
    IReadOnlyList<SummaryHighlight> Weaknesses,
    IReadOnlyList<SummaryHighlight> PlanGaps)
{
    /// <summary>How many strengths, weaknesses and gaps in plans there are in all (the lists above may show fewer).</summary>
    public int StrengthCount { get; init; }

    public int WeaknessCount { get; init; }

    public int PlanGapCount { get; init; }
}

/// <summary>
/// A dimension's score now and in two years, and for each view how many of its characteristics had a score in that
/// view ("k of m rated"): the two views can differ, so each score carries its own count.
/// </summary>
public sealed record DimensionScore(
    string Code,
    string Title,
    decimal? Now,
    decimal? InTwoYears,
    int RatedNow,
    int RatedInTwoYears,
    int CharacteristicCount);

/// <summary>One spoke of the radar chart (a sub-dimension). Null values are "not rated": no point, a gap in that series.</summary>
public sealed record RadarAxis(string Code, string Label, decimal? Now, decimal? InTwoYears);

/// <summary>A characteristic singled out in the summary (a strength, a weakness or a gap in plans).</summary>
public sealed record SummaryHighlight(string Code, string Title, decimal? Now, decimal? InTwoYears)
{
    public decimal? Target { get; init; }

    /// <summary>For a gap in plans: how far S in two years lies below the higher bar it misses (methodology: shortfall).</summary>
    public decimal? Shortfall { get; init; }

    /// <summary>Why it was singled out, in a sentence; optional.</summary>
    public string? Note { get; init; }
}
