namespace CityMaturity.LoadTests;

/// <summary>
/// The one percentile of the load client's reports: nearest rank (the smallest value with at least p % of the values at
/// or below it; no interpolation), so the median of an even count is the lower middle value.
/// </summary>
public static class Percentiles
{
    public static double Of(IEnumerable<double> values, double p) => OfSorted([.. values.Order()], p);

    /// <summary>The same on values already in ascending order.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static double Median(IEnumerable<double> values) => Of(values, 50);
}
