using System.Collections;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>
/// How many known answers gave each level. As a list it is the five counts in level order (level 1 first),
/// which is also how it serialises.
/// </summary>
public readonly record struct LevelDistribution(int Initial, int PartiallyFulfilled, int Fulfilled, int Improving, int SustainablyOptimising)
    : IReadOnlyList<int>
{
    public int this[MaturityLevel level] => level switch
    {
        MaturityLevel.Initial => Initial,
        MaturityLevel.PartiallyFulfilled => PartiallyFulfilled,
        MaturityLevel.Fulfilled => Fulfilled,
        MaturityLevel.Improving => Improving,
        MaturityLevel.SustainablyOptimising => SustainablyOptimising,
    };

    /// <summary>The number of known answers (n).</summary>
    public int Total => Initial + PartiallyFulfilled + Fulfilled + Improving + SustainablyOptimising;

    /// <summary>Zero-based: index 0 is the count of level 1. Prefer the <see cref="MaturityLevel"/> indexer.</summary>
    int IReadOnlyList<int>.this[int index] => this[MaturityLevels.FromNumber(index + 1)];

    int IReadOnlyCollection<int>.Count => MaturityLevels.All.Count;

    public IEnumerator<int> GetEnumerator()
    {
        yield return Initial;
        yield return PartiallyFulfilled;
        yield return Fulfilled;
        yield return Improving;
        yield return SustainablyOptimising;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Counts in level order (level 1 first).</summary>
    internal static LevelDistribution FromCounts(ReadOnlySpan<int> countsByLevel) =>
        new(countsByLevel[0], countsByLevel[1], countsByLevel[2], countsByLevel[3], countsByLevel[4]);
}
