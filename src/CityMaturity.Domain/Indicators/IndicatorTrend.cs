using System.Globalization;

namespace CityMaturity.Domain.Indicators;

/// <summary>How an indicator's latest value compares with the last earlier year that has a value.</summary>
public enum IndicatorTrendKind
{
    /// <summary>Moved the way the indicator's direction calls an improvement.</summary>
    Better,

    /// <summary>Moved the other way.</summary>
    Worse,

    /// <summary>The same value.</summary>
    Unchanged,

    /// <summary>Higher, for an indicator where neither way is better.</summary>
    Up,

    /// <summary>Lower, for an indicator where neither way is better.</summary>
    Down,
}

/// <summary>
/// The trend the evidence views show beside an indicator's latest value (issue 15): the direction of change against the
/// last earlier year with a value, judged by the indicator's <see cref="IndicatorDirection"/> (higher or lower is
/// better); an indicator where neither is better only moves up or down. Always said in words, never by colour alone.
/// </summary>
/// <param name="Kind">What the change is called.</param>
/// <param name="Text">The change in words, e.g. "up from 41 in 2024: better".</param>
public sealed record IndicatorTrend(IndicatorTrendKind Kind, string Text)
{
    /// <summary>The trend from the previous value to the latest, or null when there is no earlier year with a value.</summary>
    public static IndicatorTrend? Of(IndicatorDirection direction, decimal latest, int? previousYear, decimal? previousValue)
    {
        if (previousYear is not { } year || previousValue is not { } previous)
        {
            return null;
        }

        if (latest == previous)
        {
            return new IndicatorTrend(IndicatorTrendKind.Unchanged, $"unchanged since {year}");
        }

        var up = latest > previous;
        var moved = $"{(up ? "up" : "down")} from {Number(previous)} in {year}";
        return direction switch
        {
            IndicatorDirection.Neither => new IndicatorTrend(up ? IndicatorTrendKind.Up : IndicatorTrendKind.Down, moved),
            _ when up == (direction == IndicatorDirection.HigherIsBetter) => new IndicatorTrend(IndicatorTrendKind.Better, $"{moved}: better"),
            _ => new IndicatorTrend(IndicatorTrendKind.Worse, $"{moved}: worse"),
        };
    }

    /// <summary>The kind as the page's JSON and styles name it ("better", "worse", "unchanged", "up", "down").</summary>
    public string Key => Kind.ToString().ToLowerInvariant();

    /// <summary>A value as the evidence views write it: invariant, at most two decimals.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
