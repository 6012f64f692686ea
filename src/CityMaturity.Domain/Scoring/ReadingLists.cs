using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>S(now) ≥ 4.</summary>
public sealed record Strength(string CharacteristicCode, decimal ScoreNow, ScoreSource Source);

/// <summary>S(now) ≤ 2.</summary>
public sealed record Weakness(string CharacteristicCode, decimal ScoreNow, ScoreSource Source);

/// <summary>Why plans fall short.</summary>
public enum GapInPlansReason
{
    /// <summary>S(in two years) &lt; 3: not expected to reach "Fulfilled" on current plans.</summary>
    BelowFulfilled,

    /// <summary>S(in two years) is below the target the assessment sets (and not below "Fulfilled").</summary>
    BelowTarget,

    /// <summary>Both of the above.</summary>
    BelowFulfilledAndTarget,
}

/// <summary>A characteristic whose plans fall short; only rated characteristics (S in two years known) can be gaps.</summary>
/// <param name="Shortfall">How far S(in two years) lies below the higher of the bars it misses (3, or the target).</param>
public sealed record GapInPlans(
    string CharacteristicCode,
    decimal ScoreInTwoYears,
    ScoreSource Source,
    MaturityLevel? Target,
    GapInPlansReason Reason,
    decimal Shortfall);

/// <summary>A group's median level in one view of one characteristic.</summary>
public sealed record GroupMedian(Guid GroupId, string GroupName, decimal Median);

/// <summary>
/// How differently the stakeholder groups see one characteristic in one view: the largest minus the smallest group
/// median, among groups with at least one known level; flagged from 2 levels on.
/// </summary>
/// <param name="GroupMedians">Groups with at least one known level, in the input's group order.</param>
/// <param name="HighestGroups">The group(s) with the largest median (several when tied).</param>
/// <param name="LowestGroups">The group(s) with the smallest median (several when tied).</param>
public sealed record PerceptionGap(
    string CharacteristicCode,
    RatingView View,
    decimal Gap,
    bool IsFlagged,
    IReadOnlyList<GroupMedian> GroupMedians,
    IReadOnlyList<GroupMedian> HighestGroups,
    IReadOnlyList<GroupMedian> LowestGroups);
