namespace CityMaturity.Domain.Indicators;

/// <summary>
/// Every indicator framework the installation has, and the links from indicators to the maturity model's
/// characteristics. Immutable; built once at start-up.
/// </summary>
public sealed class IndicatorLibrary
{
    private readonly Dictionary<string, Indicator> _byCode;
    private readonly Dictionary<string, Indicator> _bySlug;
    private readonly ILookup<string, IndicatorLink> _linksByCharacteristic;
    private readonly ILookup<string, IndicatorLink> _linksByIndicator;

    /// <exception cref="ArgumentException">Two indicators share a code or a URL form, or a link names an unknown indicator.</exception>
    public IndicatorLibrary(IReadOnlyList<IndicatorFramework> frameworks, IReadOnlyList<IndicatorLink> links)
    {
        Frameworks = frameworks;
        Links = links;
        _byCode = new Dictionary<string, Indicator>(StringComparer.OrdinalIgnoreCase);
        foreach (var indicator in frameworks.SelectMany(f => f.Indicators))
        {
            if (!_byCode.TryAdd(indicator.Code, indicator))
            {
                throw new ArgumentException($"Indicator code '{indicator.Code}' appears more than once.", nameof(frameworks));
            }
        }

        _bySlug = _byCode.Values.ToDictionary(i => i.Slug, StringComparer.Ordinal);
        var unknown = links.FirstOrDefault(l => !_byCode.ContainsKey(l.IndicatorCode));
        if (unknown is not null)
        {
            throw new ArgumentException($"A link names indicator '{unknown.IndicatorCode}', which no framework has.", nameof(links));
        }

        _linksByCharacteristic = links.ToLookup(l => l.CharacteristicCode, StringComparer.OrdinalIgnoreCase);
        _linksByIndicator = links.ToLookup(l => l.IndicatorCode, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The shipped frameworks and links, then the operator's packs (file contents with their names), checked against
    /// the catalogue's characteristics; any fault raises one <see cref="IndicatorFrameworkException"/> naming them all.
    /// </summary>
    public static IndicatorLibrary Load(Catalogue.MaturityCatalogue catalogue, IEnumerable<(string Json, string Source)> operatorPacks) =>
        IndicatorLoader.Load(catalogue, operatorPacks);

    public IReadOnlyList<IndicatorFramework> Frameworks { get; }

    public IReadOnlyList<IndicatorLink> Links { get; }

    public IEnumerable<Indicator> Indicators => Frameworks.SelectMany(f => f.Indicators);

    /// <summary>The indicator with this code (case-insensitive), or null.</summary>
    public Indicator? Find(string code) => _byCode.GetValueOrDefault(code.Trim());

    /// <summary>The indicator whose code has this URL form (see <see cref="IndicatorSlug"/>), or null.</summary>
    public Indicator? FindBySlug(string slug) => _bySlug.GetValueOrDefault(slug.Trim().ToLowerInvariant());

    public IndicatorFramework? FindFramework(string key) =>
        Frameworks.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The indicators that can evidence a characteristic, with why.</summary>
    public IReadOnlyList<IndicatorLink> LinksFor(string characteristicCode) => [.. _linksByCharacteristic[characteristicCode]];

    /// <summary>The characteristics an indicator can evidence, with why.</summary>
    public IReadOnlyList<IndicatorLink> LinksOf(string indicatorCode) => [.. _linksByIndicator[indicatorCode]];
}
