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
/// Per characteristic, the latest published value of every indicator linked to it (the frameworks' mapping), read
/// in one query for all the characteristics asked about. Drafts stay out: their keeper has not vouched for them.
/// </summary>
public sealed class CityIndicatorFacts(IndicatorLibrary library, CityMaturity.Application.Indicators.IndicatorDataService data) : IIndicatorFacts
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>>> LatestForAsync(
        Guid organisationId, IReadOnlyCollection<string> characteristicCodes, CancellationToken cancellationToken = default)
    {
        var links = characteristicCodes.Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(code => library.LinksFor(code))
            .ToList();
        if (links.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<IndicatorFact>>();
        }

        var latest = await data.LatestAsync(organisationId, [.. links.Select(l => l.IndicatorCode).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken: cancellationToken);
        return links
            .Where(link => latest.ContainsKey(link.IndicatorCode))
            .GroupBy(link => link.CharacteristicCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyList<IndicatorFact>)[.. group.Select(link => FactOf(library.Find(link.IndicatorCode)!, latest[link.IndicatorCode]))],
                StringComparer.OrdinalIgnoreCase);
    }

    private static IndicatorFact FactOf(Indicator indicator, CityMaturity.Application.Indicators.LatestIndicatorValue value) =>
        new(indicator.Code, indicator.Name, value.Value.ToString("0.##", CultureInfo.InvariantCulture), value.Unit, value.Year);
}
