using CityMaturity.Domain.Cycles;

namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The "since the last cycle" chapter of an assessment that follows up another (its predecessor in the series): what
/// moved, and whether the predecessor's plans ("in two years") were realised by this cycle's "now". Every figure comes
/// from <see cref="WhatMoved"/> and <see cref="PlanRealisation"/>, so the report reads what the series page shows.
/// </summary>
/// <param name="PreviousName">The predecessor's name.</param>
/// <param name="PreviousDate">The predecessor's cycle date (deadline, else creation day).</param>
/// <param name="Date">This assessment's cycle date.</param>
/// <param name="Comparison">Null when the predecessor is not dated before this cycle: then nothing can be compared.</param>
public sealed record SinceLastCycle(string PreviousName, DateOnly PreviousDate, DateOnly Date, CycleComparison? Comparison);

/// <summary>The figures of the chapter; each list is complete, and the text's counts are the lists' lengths.</summary>
/// <param name="ElapsedMonths">Whole calendar months between the two cycle dates.</param>
/// <param name="ShareOfPlanExpected">min(months, 24) / 24 (0–1): how much of each planned change was due.</param>
/// <param name="Improved">S(now) higher than in the previous cycle, largest rise first.</param>
/// <param name="Regressed">S(now) lower, largest fall first.</param>
/// <param name="Unchanged">S(now) the same, in the catalogue's order.</param>
/// <param name="NotCompared">In scope of either cycle but without a score now in both, with every reason.</param>
/// <param name="Dimensions">The realisation rate per dimension, in the catalogue's order.</param>
/// <param name="Realisation">Every judged characteristic, in the catalogue's order.</param>
/// <param name="NotJudged">In scope of either cycle but missing a point the realisation needs, with every reason.</param>
public sealed record CycleComparison(
    int ElapsedMonths,
    decimal ShareOfPlanExpected,
    IReadOnlyList<MovedCharacteristic> Improved,
    IReadOnlyList<MovedCharacteristic> Regressed,
    IReadOnlyList<MovedCharacteristic> Unchanged,
    IReadOnlyList<UncomparedCharacteristic> NotCompared,
    RealisationRateRow Overall,
    IReadOnlyList<RealisationRateRow> Dimensions,
    IReadOnlyList<RealisedCharacteristic> Realisation,
    IReadOnlyList<UncomparedCharacteristic> NotJudged)
{
    public int ComparedCount => Improved.Count + Regressed.Count + Unchanged.Count;

    /// <summary>Compared characteristics whose stakeholder groups' medians lie closer together than before.</summary>
    public int Converged => Moved.Count(m => m.Spread?.Direction == SpreadChange.Converged);

    /// <summary>Compared characteristics whose stakeholder groups' medians lie further apart than before.</summary>
    public int Diverged => Moved.Count(m => m.Spread?.Direction == SpreadChange.Diverged);

    private IEnumerable<MovedCharacteristic> Moved => Improved.Concat(Regressed).Concat(Unchanged);
}

/// <summary>A score as the chapter prints it: the figure and where it comes from (consensus or median), in words.</summary>
public sealed record SourcedScore(decimal Score, string Source);

/// <summary>One characteristic's level now in both cycles.</summary>
/// <param name="Change">This cycle's S(now) minus the previous one's.</param>
/// <param name="Spread">The spread across stakeholder groups in both cycles; null when either has fewer than two groups' levels.</param>
public sealed record MovedCharacteristic(string Code, string Title, SourcedScore Previous, SourcedScore Now, decimal Change, GroupSpread? Spread);

/// <summary>The previous plan against this cycle's level now.</summary>
/// <param name="PreviousNow">Null when the cycles are two years or more apart and it was not needed.</param>
/// <param name="Expected">The level the plan leads one to expect at this cycle's date (2 decimals).</param>
/// <param name="Difference">Now − expected.</param>
public sealed record RealisedCharacteristic(
    string Code,
    string Title,
    SourcedScore? PreviousNow,
    SourcedScore Plan,
    decimal Expected,
    SourcedScore Now,
    decimal Difference,
    RealisationOutcome Outcome);

/// <summary>A realisation rate: overall (empty code) or of one dimension.</summary>
/// <param name="Percent">Met or exceeded of judged, in percent (1 decimal); null when nothing was judged.</param>
/// <param name="NotJudged">Characteristics of this group that could not be judged (listed in the chapter).</param>
public sealed record RealisationRateRow(string Code, string Title, int Judged, int Met, int Exceeded, int Missed, int NotJudged, decimal? Percent);

/// <summary>A characteristic left out of a comparison, with every reason in words.</summary>
public sealed record UncomparedCharacteristic(string Code, string Title, IReadOnlyList<string> Reasons);
