using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Cycles;

public enum Movement
{
    Improved,
    Regressed,
    Unchanged,
}

public enum SpreadChange
{
    /// <summary>The stakeholder groups' medians lie closer together than in the earlier cycle.</summary>
    Converged,

    /// <summary>The stakeholder groups' medians lie further apart than in the earlier cycle.</summary>
    Diverged,

    Unchanged,
}

/// <summary>
/// The spread across stakeholder groups (largest minus smallest group median, the perception gap) of the level now
/// in both cycles.
/// </summary>
public sealed record GroupSpread(decimal Earlier, decimal Later, decimal Change, SpreadChange Direction);

/// <summary>One characteristic's level now in both cycles.</summary>
/// <param name="Change">Later − earlier S(now).</param>
/// <param name="Spread">Null when either cycle has fewer than two groups with a known level (nothing to compare).</param>
public sealed record CharacteristicMovement(
    string Code,
    string DimensionCode,
    ScorePoint Earlier,
    ScorePoint Later,
    decimal Change,
    Movement Movement,
    GroupSpread? Spread);

public sealed record WhatMovedResult(IReadOnlyList<CharacteristicMovement> Characteristics, IReadOnlyList<ExcludedCharacteristic> Excluded)
{
    public int Count(Movement movement) => Characteristics.Count(c => c.Movement == movement);

    public int Count(SpreadChange change) => Characteristics.Count(c => c.Spread?.Direction == change);

    /// <summary>Compared characteristics whose group spread could not be compared.</summary>
    public int SpreadNotComparable => Characteristics.Count(c => c.Spread is null);
}

/// <summary>"What moved" between two cycles: S(now) per characteristic, and the spread across stakeholder groups.</summary>
public static class WhatMoved
{
    public static WhatMovedResult Compare(Cycle earlier, Cycle later)
    {
        CyclePairs.RequireOrder(earlier, later);
        var moved = new List<CharacteristicMovement>();
        var excluded = new List<ExcludedCharacteristic>();
        foreach (var (code, dimension, inEarlier, inLater) in CyclePairs.Of(earlier, later))
        {
            var reasons = CyclePairs.ScopeExclusions(inEarlier, inLater);
            if (reasons is null)
            {
                reasons = [];
                CyclePairs.AddIfUnrated(reasons, inEarlier!.Now, CyclePoint.EarlierNow);
                CyclePairs.AddIfUnrated(reasons, inLater!.Now, CyclePoint.LaterNow);
            }

            if (reasons.Count > 0)
            {
                excluded.Add(new ExcludedCharacteristic(code, dimension, reasons));
                continue;
            }

            var from = ScorePoint.Of(inEarlier!.Now)!;
            var to = ScorePoint.Of(inLater!.Now)!;
            var change = Figures.WithoutTrailingZeros(to.Score - from.Score);
            moved.Add(new CharacteristicMovement(code, dimension, from, to, change, MovementOf(change), SpreadOf(inEarlier.Now, inLater.Now)));
        }

        return new WhatMovedResult(moved, excluded);
    }

    private static Movement MovementOf(decimal change) =>
        change > 0 ? Movement.Improved : change < 0 ? Movement.Regressed : Movement.Unchanged;

    private static GroupSpread? SpreadOf(ViewScore earlier, ViewScore later)
    {
        if (earlier.PerceptionGap is not { } before || later.PerceptionGap is not { } after)
        {
            return null;
        }

        var change = Figures.WithoutTrailingZeros(after.Gap - before.Gap);
        var direction = change < 0 ? SpreadChange.Converged : change > 0 ? SpreadChange.Diverged : SpreadChange.Unchanged;
        return new GroupSpread(before.Gap, after.Gap, change, direction);
    }
}
