using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Cycles;

/// <summary>One assessment of a series, as the cycle comparisons read it.</summary>
/// <param name="Date">The date its "now" refers to (see docs/methodology.md, "Cycles").</param>
/// <param name="Summary">Its figures, from <see cref="AssessmentScorer.Summarise"/>.</param>
public sealed record Cycle(Guid AssessmentId, string Name, DateOnly Date, AssessmentSummary Summary);

/// <summary>A score with where it comes from: every point of a comparison shows both.</summary>
public sealed record ScorePoint(decimal Score, ScoreSource Source)
{
    internal static ScorePoint? Of(ViewScore view) => view.Score is { } score ? new ScorePoint(score, view.Source) : null;
}

/// <summary>The three scores a plan-realisation comparison reads.</summary>
public enum CyclePoint
{
    /// <summary>The earlier cycle's level now.</summary>
    EarlierNow,

    /// <summary>The earlier cycle's level in two years (the plan).</summary>
    EarlierInTwoYears,

    /// <summary>The later cycle's level now (the outcome).</summary>
    LaterNow,
}

/// <summary>Why a characteristic could not be compared. Every exclusion is listed and counted, never dropped.</summary>
public enum ExclusionReason
{
    /// <summary>The characteristic is in the later cycle's scope only.</summary>
    OutOfScopeInEarlier,

    /// <summary>The characteristic is in the earlier cycle's scope only.</summary>
    OutOfScopeInLater,

    /// <summary>Every answer for the point was "don't know" and no consensus was recorded.</summary>
    DontKnow,

    /// <summary>Nobody answered the point and no consensus was recorded.</summary>
    NotRated,
}

/// <summary>One reason a characteristic was left out; <see cref="Point"/> is null for the scope reasons.</summary>
public sealed record Exclusion(ExclusionReason Reason, CyclePoint? Point);

/// <summary>A characteristic in scope of at least one of the two cycles that could not be compared, with every reason.</summary>
public sealed record ExcludedCharacteristic(string Code, string DimensionCode, IReadOnlyList<Exclusion> Reasons)
{
    public bool Has(ExclusionReason reason) => Reasons.Any(r => r.Reason == reason);
}

/// <summary>The characteristic pairs of two cycles, in the catalogue's order, and the shared exclusion rules.</summary>
internal static class CyclePairs
{
    /// <summary>Characteristics in scope of either cycle, in the catalogue's order, with their scores where in scope.</summary>
    public static IEnumerable<(string Code, string DimensionCode, CharacteristicScore? Earlier, CharacteristicScore? Later)> Of(Cycle earlier, Cycle later)
    {
        var earlierByCode = earlier.Summary.Characteristics.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var laterByCode = later.Summary.Characteristics.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var codes = earlierByCode.Keys.Union(laterByCode.Keys, StringComparer.Ordinal).Order(CharacteristicCodeComparer.Instance);
        foreach (var code in codes)
        {
            earlierByCode.TryGetValue(code, out var inEarlier);
            laterByCode.TryGetValue(code, out var inLater);
            yield return (code, (inEarlier ?? inLater)!.DimensionCode, inEarlier, inLater);
        }
    }

    public static void RequireOrder(Cycle earlier, Cycle later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (later.Date <= earlier.Date)
        {
            throw new ArgumentException(
                $"The later cycle ({later.Date:yyyy-MM-dd}) must be dated after the earlier one ({earlier.Date:yyyy-MM-dd}).", nameof(later));
        }
    }

    /// <summary>Scope reasons, or null when the characteristic is in both scopes.</summary>
    public static List<Exclusion>? ScopeExclusions(CharacteristicScore? earlier, CharacteristicScore? later)
    {
        if (earlier is not null && later is not null)
        {
            return null;
        }

        return [new Exclusion(earlier is null ? ExclusionReason.OutOfScopeInEarlier : ExclusionReason.OutOfScopeInLater, null)];
    }

    /// <summary>Adds the reason a point has no score: all "don't know", or not answered at all.</summary>
    public static void AddIfUnrated(List<Exclusion> reasons, ViewScore view, CyclePoint point)
    {
        if (!view.IsRated)
        {
            var reason = view.Statistics.DontKnowCount > 0 ? ExclusionReason.DontKnow : ExclusionReason.NotRated;
            reasons.Add(new Exclusion(reason, point));
        }
    }
}
