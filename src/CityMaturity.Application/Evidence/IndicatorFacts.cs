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
public interface IIndicatorFacts
{
    Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>>> LatestForAsync(Guid organisationId, IReadOnlyCollection<string> characteristicCodes, CancellationToken cancellationToken = default);
}

/// <summary>
/// Per characteristic, the latest published value of every indicator linked to it
/// (<see cref="CityMaturity.Application.Indicators.IndicatorDataService.LatestLinkedAsync"/>), worded for the evidence
/// views. Drafts stay out: their keeper has not vouched for them.
/// </summary>
public sealed class CityIndicatorFacts(IndicatorLibrary library, CityMaturity.Application.Indicators.IndicatorDataService data) : IIndicatorFacts
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>>> LatestForAsync(
        Guid organisationId, IReadOnlyCollection<string> characteristicCodes, CancellationToken cancellationToken = default)
    {
        var latest = await data.LatestLinkedAsync(organisationId, characteristicCodes, cancellationToken);
        return latest.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<IndicatorFact>)[.. pair.Value.Select(value => FactOf(library.Find(value.IndicatorCode)!, value))],
            StringComparer.OrdinalIgnoreCase);
    }

    private static IndicatorFact FactOf(Indicator indicator, CityMaturity.Application.Indicators.LatestIndicatorValue value)
    {
        var trend = IndicatorTrend.Of(indicator.Direction, value.Value, value.PreviousYear, value.PreviousValue);
        return new(indicator.Code, indicator.Name, IndicatorTrend.Number(value.Value), value.Unit, value.Year, trend?.Key, trend?.Text);
    }
}
