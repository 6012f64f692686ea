using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>
/// The baseline review's lists. Inputs arrive in the catalogue's order and OrderBy is stable, so ties keep that order.
/// </summary>
internal static class ReadingListRules
{
    public static Strength[] Strengths(CharacteristicScore[] characteristics) =>
    [
        .. characteristics
            .Where(c => c.Now.Score >= ScoringRules.StrengthFrom)
            .Select(c => new Strength(c.Code, c.Now.Score!.Value, c.Now.Source))
            .OrderByDescending(s => s.ScoreNow),
    ];

    public static Weakness[] Weaknesses(CharacteristicScore[] characteristics) =>
    [
        .. characteristics
            .Where(c => c.Now.Score <= ScoringRules.WeaknessUpTo)
            .Select(c => new Weakness(c.Code, c.Now.Score!.Value, c.Now.Source))
            .OrderBy(w => w.ScoreNow),
    ];

    public static GapInPlans[] GapsInPlans(CharacteristicScore[] characteristics) =>
    [
        .. characteristics
            .Select(GapInPlansOf)
            .OfType<GapInPlans>()
            .OrderByDescending(g => g.Shortfall),
    ];

    public static PerceptionGap[] PerceptionGaps(CharacteristicScore[] characteristics) =>
    [
        .. characteristics
            .SelectMany(c => new[] { c.Now.PerceptionGap, c.InTwoYears.PerceptionGap })
            .OfType<PerceptionGap>()
            .OrderByDescending(p => p.Gap),
    ];

    /// <summary>Null when fewer than two groups gave a known level: a gap needs two medians to compare.</summary>
    public static PerceptionGap? PerceptionGapOf(string code, RatingView view, IReadOnlyList<GroupViewStatistics> groups)
    {
        var medians = groups
            .Where(g => g.Statistics.Median is not null)
            .Select(g => new GroupMedian(g.GroupId, g.GroupName, g.Statistics.Median!.Value))
            .ToArray();
        if (medians.Length < 2)
        {
            return null;
        }

        var highest = medians.Max(m => m.Median);
        var lowest = medians.Min(m => m.Median);
        var gap = Figures.WithoutTrailingZeros(highest - lowest);
        return new PerceptionGap(
            code,
            view,
            gap,
            gap >= ScoringRules.PerceptionGapFlaggedFrom,
            medians,
            [.. medians.Where(m => m.Median == highest)],
            [.. medians.Where(m => m.Median == lowest)]);
    }

    private static GapInPlans? GapInPlansOf(CharacteristicScore characteristic)
    {
        if (characteristic.InTwoYears.Score is not { } score)
        {
            return null;
        }

        decimal fulfilled = ScoringRules.PlansShouldReach.Number();
        var belowFulfilled = score < fulfilled;
        var belowTarget = characteristic.Target is { } target && score < target.Number();
        GapInPlansReason? reason = (belowFulfilled, belowTarget) switch
        {
            (true, true) => GapInPlansReason.BelowFulfilledAndTarget,
            (true, false) => GapInPlansReason.BelowFulfilled,
            (false, true) => GapInPlansReason.BelowTarget,
            (false, false) => null,
        };
        if (reason is null)
        {
            return null;
        }

        var highestBarMissed = belowTarget ? Math.Max(fulfilled, characteristic.Target!.Value.Number()) : fulfilled;
        return new GapInPlans(
            characteristic.Code,
            score,
            characteristic.InTwoYears.Source,
            characteristic.Target,
            reason.Value,
            Figures.WithoutTrailingZeros(highestBarMissed - score));
    }
}
