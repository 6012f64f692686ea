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
    /// <summary>The trend from the previous value to the latest, or null when there is no earlier year with a value;
    /// worded as the app's views word it (<see cref="IndicatorTrendWords.English"/>, values as <see cref="Number"/>).</summary>
    public static IndicatorTrend? Of(IndicatorDirection direction, decimal latest, int? previousYear, decimal? previousValue) =>
        Of(direction, latest, previousYear, previousValue, IndicatorTrendWords.English, Number);

    /// <summary>The same trend in other <paramref name="words"/> (a report's language), the earlier value written by
    /// <paramref name="number"/> (e.g. with its unit).</summary>
    public static IndicatorTrend? Of(IndicatorDirection direction, decimal latest, int? previousYear, decimal? previousValue, IndicatorTrendWords words, Func<decimal, string> number)
    {
        if (previousYear is not { } year || previousValue is not { } previous)
        {
            return null;
        }

        if (latest == previous)
        {
            return new IndicatorTrend(IndicatorTrendKind.Unchanged, IndicatorTrendWords.Say(words.UnchangedFormat, year));
        }

        var up = latest > previous;
        var moved = IndicatorTrendWords.Say(up ? words.UpFormat : words.DownFormat, number(previous), year);
        return direction switch
        {
            IndicatorDirection.Neither => new IndicatorTrend(up ? IndicatorTrendKind.Up : IndicatorTrendKind.Down, moved),
            _ when up == (direction == IndicatorDirection.HigherIsBetter) => new IndicatorTrend(IndicatorTrendKind.Better, IndicatorTrendWords.Say(words.BetterFormat, moved)),
            _ => new IndicatorTrend(IndicatorTrendKind.Worse, IndicatorTrendWords.Say(words.WorseFormat, moved)),
        };
    }

    /// <summary>The kind as the page's JSON and styles name it ("better", "worse", "unchanged", "up", "down").</summary>
    public string Key => Kind.ToString().ToLowerInvariant();

    /// <summary>A value as the evidence views write it: invariant, at most two decimals.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// The words of a trend (<see cref="IndicatorTrend"/>): the app's English, or a report's own (ReportLabels).
/// </summary>
/// <param name="UpFormat">{0}: the earlier value, {1}: its year ("up from {0} in {1}").</param>
/// <param name="DownFormat">{0}: the earlier value, {1}: its year.</param>
/// <param name="UnchangedFormat">{0}: the earlier year.</param>
/// <param name="BetterFormat">{0}: the change ("{0}: better").</param>
/// <param name="WorseFormat">{0}: the change.</param>
public sealed record IndicatorTrendWords(string UpFormat, string DownFormat, string UnchangedFormat, string BetterFormat, string WorseFormat)
{
    /// <summary>"up from 41 in 2024: better", "down from 12 in 2023: worse", "unchanged since 2024".</summary>
    public static IndicatorTrendWords English { get; } = new("up from {0} in {1}", "down from {0} in {1}", "unchanged since {0}", "{0}: better", "{0}: worse");

    internal static string Say(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
