using CityMaturity.Domain.Indicators;

namespace CityMaturity.Application.Evidence;

/// <summary>
/// One number beside a characteristic: an indicator's latest value for the city (shown on the rating card, the presenter
/// view and the console when given), and its trend against the last earlier year with a value.
/// </summary>
/// <param name="Trend">"better", "worse", "unchanged", "up" or "down" (<see cref="IndicatorTrend"/>); null without an earlier year.</param>
/// <param name="TrendText">The trend in words, e.g. "up from 41 in 2024: better".</param>
public sealed record IndicatorFact(string Code, string Name, string Value, string? Unit, int Year, string? Trend = null, string? TrendText = null);

/// <summary>The city's indicator values the evidence views show per characteristic.</summary>
/// <summary>
/// How many of a characteristic's indicator values an evidence view lists before "Show N more indicator values"
/// (issue 15): the rating card, the workshop console and the presenter view all list the <see cref="AtFirst"/> most
/// recent first, so a purpose with 58 linked indicators stays readable on a phone and on the room's screen.
/// </summary>
public static class ListedIndicatorValues
{
    /// <summary>How many values a view lists before offering the rest.</summary>
    public const int AtFirst = 12;

    /// <summary>The values most recent year first, the mapping's order kept within a year: done once when they are read,
    /// so listing them is a slice, not a sort. Values all of one year (the usual case) are returned as they are.</summary>
    public static IReadOnlyList<IndicatorFact> MostRecentFirst(IReadOnlyList<IndicatorFact> facts)
    {
        for (var i = 1; i < facts.Count; i++)
        {
            if (facts[i].Year > facts[i - 1].Year)
            {
                return [.. facts.OrderByDescending(f => f.Year)];
            }
        }

        return facts;
    }

    /// <summary>The values a view lists at first, from values in <see cref="MostRecentFirst"/> order.</summary>
    public static IReadOnlyList<IndicatorFact> Listed(IReadOnlyList<IndicatorFact> facts) => facts.Count <= AtFirst ? facts : Slice(facts, 0, AtFirst);

    /// <summary>The values behind "Show N more" (none when there are at most <see cref="AtFirst"/>).</summary>
    public static IReadOnlyList<IndicatorFact> Others(IReadOnlyList<IndicatorFact> facts) => facts.Count <= AtFirst ? [] : Slice(facts, AtFirst, facts.Count - AtFirst);

    /// <summary>How many values are behind "Show N more".</summary>
    public static int OthersCount(IReadOnlyList<IndicatorFact> facts) => Math.Max(0, facts.Count - AtFirst);

    private static IndicatorFact[] Slice(IReadOnlyList<IndicatorFact> facts, int from, int count)
    {
        var slice = new IndicatorFact[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = facts[from + i];
        }

        return slice;
    }

    /// <summary>The button or summary that shows the rest.</summary>
    public static string ShowMore(int more) => $"Show {more} more indicator values";
}

/// <summary>The city's indicator values the evidence views show per characteristic.</summary>
public interface IIndicatorFacts
{
    Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>>> LatestForAsync(Guid organisationId, IReadOnlyCollection<string> characteristicCodes, CancellationToken cancellationToken = default);
}

/// <summary>
/// Per characteristic, the latest published value of every indicator linked to it
/// (<see cref="CityMaturity.Application.Indicators.IndicatorDataService.LatestLinkedAsync"/>), worded for the evidence
/// views, most recent year first (<see cref="ListedIndicatorValues.MostRecentFirst"/>). Drafts stay out: their keeper has
/// not vouched for them.
/// </summary>
public sealed class CityIndicatorFacts(IndicatorLibrary library, CityMaturity.Application.Indicators.IndicatorDataService data) : IIndicatorFacts
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>>> LatestForAsync(
        Guid organisationId, IReadOnlyCollection<string> characteristicCodes, CancellationToken cancellationToken = default)
    {
        var latest = await data.LatestLinkedAsync(organisationId, characteristicCodes, cancellationToken);
        return latest.ToDictionary(
            pair => pair.Key,
            pair => ListedIndicatorValues.MostRecentFirst([.. pair.Value.Select(value => FactOf(library.Find(value.IndicatorCode)!, value))]),
            StringComparer.OrdinalIgnoreCase);
    }

    private static IndicatorFact FactOf(Indicator indicator, CityMaturity.Application.Indicators.LatestIndicatorValue value)
    {
        var trend = IndicatorTrend.Of(indicator.Direction, value.Value, value.PreviousYear, value.PreviousValue);
        return new(indicator.Code, indicator.Name, IndicatorTrend.Number(value.Value), value.Unit, value.Year, trend?.Key, trend?.Text);
    }
}
