namespace CityMaturity.Domain.Benchmarking;

/// <summary>Where one city falls in a distribution, counted from the top.</summary>
public enum QuartileBand
{
    /// <summary>At or above the upper quartile (Q3): the network's top quarter.</summary>
    Top,

    /// <summary>At or above the median, below Q3.</summary>
    UpperMiddle,

    /// <summary>At or above the lower quartile (Q1), below the median.</summary>
    LowerMiddle,

    /// <summary>Below Q1.</summary>
    Bottom,
}

/// <summary>
/// The five figures of a box plot over the scores of a set of cities (docs/benchmarking.md, "Percentiles"). Quartiles are
/// interpolated between the ordered scores (the "type 7" rule of spreadsheets and R), so they do not jump when one city
/// joins; every figure is rounded to 2 decimals like every other mean the app shows.
/// </summary>
/// <param name="Values">The scores, lowest first (each city once): the strip of dots.</param>
public sealed record Distribution(IReadOnlyList<decimal> Values, decimal Minimum, decimal LowerQuartile, decimal Median, decimal UpperQuartile, decimal Maximum)
{
    public int Count => Values.Count;

    public static Distribution Of(IEnumerable<decimal> scores)
    {
        var sorted = scores.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A distribution needs at least one score.", nameof(scores));
        }

        return new Distribution(sorted, sorted[0], Quantile(sorted, 0.25m), Quantile(sorted, 0.5m), Quantile(sorted, 0.75m), sorted[^1]);
    }

    /// <summary>Linear interpolation between the order statistics at h = (n − 1) p.</summary>
    internal static decimal Quantile(IReadOnlyList<decimal> sorted, decimal p)
    {
        var h = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var value = sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
        return Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The band a score falls in; a score equal to a quartile belongs to the band above it.</summary>
    public QuartileBand BandOf(decimal score) =>
        score >= UpperQuartile ? QuartileBand.Top
        : score >= Median ? QuartileBand.UpperMiddle
        : score >= LowerQuartile ? QuartileBand.LowerMiddle
        : QuartileBand.Bottom;

    /// <summary>
    /// The own city's place among <paramref name="others"/> (the set without the own city, whether or not it is in the set).
    /// Rank 1 is the highest score, equal scores share the better rank. The percentile is the share of the other cities
    /// scoring lower, counting those level with it as half (the mid-rank rule, so a city level with everyone stands at 50).
    /// </summary>
    public Position PositionOf(decimal own, IReadOnlyCollection<decimal> others) =>
        Place(own, others.Count(v => v > own), others.Count(v => v < own), others.Count);

    /// <summary>
    /// <see cref="PositionOf"/> among this distribution's own values, without copying them: when <paramref name="ownIsAmongValues"/>,
    /// one value equal to <paramref name="own"/> is the own city's and is not counted among the others.
    /// </summary>
    public Position PositionAmongValues(decimal own, bool ownIsAmongValues)
    {
        var (above, below) = (0, 0);
        foreach (var value in Values)
        {
            above += value > own ? 1 : 0;
            below += value < own ? 1 : 0;
        }

        return Place(own, above, below, ownIsAmongValues ? Values.Count - 1 : Values.Count);
    }

    private Position Place(decimal own, int above, int below, int others)
    {
        var level = others - above - below;
        var percentile = others == 0 ? 50m : Math.Round(100m * (below + (level / 2m)) / others, 0, MidpointRounding.AwayFromZero);
        return new Position(own, above + 1, others + 1, percentile, BandOf(own), Math.Max(0m, UpperQuartile - own));
    }
}

/// <summary>A city's place in a distribution.</summary>
/// <param name="Rank">1 is the highest score; equal scores share the better rank.</param>
/// <param name="OutOf">The cities ranked: the others and the own city.</param>
/// <param name="Percentile">0 to 100: the share of the other cities scoring lower (level ones count half).</param>
/// <param name="GapToTopQuartile">How far the score lies below Q3; 0 when in the top quartile.</param>
public sealed record Position(decimal Score, int Rank, int OutOf, decimal Percentile, QuartileBand Band, decimal GapToTopQuartile);

public static class QuartileBands
{
    public static string DisplayName(this QuartileBand band) => band switch
    {
        QuartileBand.Top => "Top quartile",
        QuartileBand.UpperMiddle => "Second quartile",
        QuartileBand.LowerMiddle => "Third quartile",
        QuartileBand.Bottom => "Bottom quartile",
    };
}
