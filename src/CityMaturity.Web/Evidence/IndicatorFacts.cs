namespace CityMaturity.Web.Evidence;

/// <summary>
/// One number beside a characteristic: an indicator's latest value for the city (shown on the rating card, the presenter
/// view and the console when given).
/// </summary>
public sealed record IndicatorFact(string Code, string Name, string Value, string? Unit, int Year);

/// <summary>
/// The seam for the city's indicator values: the evidence views show what this returns per characteristic. The
/// registration in CityMaturityApp answers nothing until the indicator data is wired in (a later merge replaces it).
/// </summary>
public interface IIndicatorFacts
{
    Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>>> LatestForAsync(Guid organisationId, IReadOnlyCollection<string> characteristicCodes, CancellationToken cancellationToken = default);
}

public sealed class NoIndicatorFacts : IIndicatorFacts
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>> None = new Dictionary<string, IReadOnlyList<IndicatorFact>>();

    public Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorFact>>> LatestForAsync(Guid organisationId, IReadOnlyCollection<string> characteristicCodes, CancellationToken cancellationToken = default) =>
        Task.FromResult(None);
}
