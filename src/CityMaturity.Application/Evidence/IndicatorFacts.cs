using System.Globalization;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Application.Evidence;

/// <summary>
/// One number beside a characteristic: an indicator's latest value for the city (shown on the rating card, the presenter
/// view and the console when given).
/// </summary>
public sealed record IndicatorFact(string Code, string Name, string Value, string? Unit, int Year);

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

    private static IndicatorFact FactOf(Indicator indicator, CityMaturity.Application.Indicators.LatestIndicatorValue value) =>
        new(indicator.Code, indicator.Name, value.Value.ToString("0.##", CultureInfo.InvariantCulture), value.Unit, value.Year);
}
