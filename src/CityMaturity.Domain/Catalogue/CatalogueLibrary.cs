namespace CityMaturity.Domain.Catalogue;

/// <summary>
/// The catalogue in every language the installation has: the embedded English base, embedded translations,
/// and text packs an operator configured (which replace the wording of their language, e.g. a licensed
/// official English text). Built once at start-up; any fault stops start-up.
/// </summary>
public sealed class CatalogueLibrary
{
    private readonly Dictionary<string, MaturityCatalogue> _byLanguage;

    private CatalogueLibrary(MaturityCatalogue defaultCatalogue, Dictionary<string, MaturityCatalogue> byLanguage)
    {
        Default = defaultCatalogue;
        _byLanguage = byLanguage;
    }

    public MaturityCatalogue Default { get; }

    public IReadOnlyCollection<string> Languages => _byLanguage.Keys;

    /// <summary>
    /// The catalogue for a language: an exact match ("zh-CN"), else one of the same base language ("zh" finds
    /// "zh-CN" and "zh-TW" finds "zh-CN" when it is all there is), else the default.
    /// </summary>
    public MaturityCatalogue Get(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return Default;
        }

        if (_byLanguage.TryGetValue(language, out var exact))
        {
            return exact;
        }

        var neutral = BaseLanguageOf(language);
        return _byLanguage.TryGetValue(neutral, out var parent)
            ? parent
            : _byLanguage.Where(pair => string.Equals(BaseLanguageOf(pair.Key), neutral, StringComparison.OrdinalIgnoreCase))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => pair.Value)
                .FirstOrDefault() ?? Default;
    }

    private static string BaseLanguageOf(string language) => language.Split('-')[0];

    /// <param name="operatorTextPacks">Text packs an operator configured, as (json, source name); applied last.</param>
    public static CatalogueLibrary Load(IEnumerable<(string Json, string Source)> operatorTextPacks)
    {
        var baseCatalogue = CatalogueLoader.LoadEmbedded();
        var byLanguage = new Dictionary<string, MaturityCatalogue>(StringComparer.OrdinalIgnoreCase)
        {
            [baseCatalogue.Language] = baseCatalogue,
        };

        foreach (var (json, source) in CatalogueLoader.EmbeddedTextPacks().Concat(operatorTextPacks))
        {
            var catalogue = CatalogueLoader.ApplyTextPack(baseCatalogue, json, source);
            byLanguage[catalogue.Language] = catalogue;
        }

        return new CatalogueLibrary(byLanguage[baseCatalogue.Language], byLanguage);
    }
}
