using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Reporting;

/// <summary>One dimension's chapter: its score, the sub-dimension bars and the table of characteristics.</summary>
public sealed record DimensionSection(
    DimensionScore Score,
    string Description,
    IReadOnlyList<SubDimensionScore> SubDimensions,
    IReadOnlyList<CharacteristicRow> Characteristics)
{
    public string Code => Score.Code;

    public string Title => Score.Title;
}

/// <summary>
/// A sub-dimension's scores. No target: targets are set per characteristic, and the methodology defines no
/// sub-dimension target (ADR 0016).
/// </summary>
public sealed record SubDimensionScore(string Code, string Title, decimal? Now, decimal? InTwoYears);

/// <summary>
/// One characteristic as the report shows it. <see cref="ScoreSource"/> and <see cref="ConsensusState"/>
/// arrive as text ("Consensus", "Median"; "Agreed", "Spread too wide" …) because wording is the builder's call.
/// </summary>
public sealed record CharacteristicRow(
    string Code,
    string Title,
    decimal? Now,
    decimal? InTwoYears,
    string ScoreSource,
    int Respondents,
    decimal? InterquartileRange,
    string ConsensusState)
{
    /// <summary>In two years minus now, when both are known.</summary>
    public decimal? PlannedImprovement => Now is { } now && InTwoYears is { } later ? later - now : null;

    public MaturityLevel? Target { get; init; }

    /// <summary>Participants whose known level in two years is below their known level now (the methodology's warning count).</summary>
    public int PlansRegressCount { get; init; }

    /// <summary>The level the score now reaches (its whole part), and that level's achievement criterion.</summary>
    public MaturityLevel? LevelReached { get; init; }

    public string? LevelReachedName { get; init; }

    public string? LevelReachedCriterion { get; init; }
}
