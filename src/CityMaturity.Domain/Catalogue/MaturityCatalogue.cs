using System.Collections.Frozen;

namespace CityMaturity.Domain.Catalogue;

/// <summary>
/// The ISO/TS 37107 maturity model in one language: immutable, validated when built (see <see cref="CatalogueLoader"/>).
/// </summary>
public sealed class MaturityCatalogue
{
    public const int DimensionCount = 4;
    public const int SubDimensionCount = 17;
    public const int CharacteristicCount = 32;

    private readonly FrozenDictionary<string, Characteristic> _characteristics;
    private readonly FrozenDictionary<string, SubDimension> _subDimensions;
    private readonly FrozenDictionary<string, Dimension> _dimensions;

    internal MaturityCatalogue(
        string language,
        string textSource,
        StandardInfo standard,
        IReadOnlyList<LevelDefinition> levels,
        IReadOnlyList<ClassDefinition> classes,
        IReadOnlyList<Dimension> dimensions,
        IReadOnlyList<HelpfulDocument> documents,
        IReadOnlyDictionary<string, IReadOnlyList<string>> localGovernmentFunctions,
        IReadOnlyList<PdcaStage> pdcaStages,
        IReadOnlyList<AssessmentMethodInfo> assessmentMethods)
    {
        Language = language;
        TextSource = textSource;
        Standard = standard;
        Levels = levels;
        Classes = classes;
        Dimensions = dimensions;
        Documents = documents;
        LocalGovernmentFunctionsByPurpose = localGovernmentFunctions;
        PdcaStages = pdcaStages;
        AssessmentMethods = assessmentMethods;
        SubDimensions = [.. dimensions.SelectMany(d => d.SubDimensions)];
        Characteristics = [.. SubDimensions.SelectMany(s => s.Characteristics)];
        _characteristics = Characteristics.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        _subDimensions = SubDimensions.ToFrozenDictionary(s => s.Code, StringComparer.Ordinal);
        _dimensions = dimensions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
    }

    /// <summary>BCP 47 tag of the texts, e.g. "en" or "zh-CN".</summary>
    public string Language { get; }

    /// <summary>Where the wording comes from: our own paraphrase, or the name of a loaded text pack.</summary>
    public string TextSource { get; }

    public StandardInfo Standard { get; }
    public IReadOnlyList<LevelDefinition> Levels { get; }
    public IReadOnlyList<ClassDefinition> Classes { get; }
    public IReadOnlyList<Dimension> Dimensions { get; }
    public IReadOnlyList<SubDimension> SubDimensions { get; }

    /// <summary>All characteristics in the standard's order (1.1.1 … 4.6).</summary>
    public IReadOnlyList<Characteristic> Characteristics { get; }

    public IReadOnlyList<HelpfulDocument> Documents { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> LocalGovernmentFunctionsByPurpose { get; }
    public IReadOnlyList<PdcaStage> PdcaStages { get; }
    public IReadOnlyList<AssessmentMethodInfo> AssessmentMethods { get; }

    public bool TryGetCharacteristic(string code, out Characteristic characteristic) =>
        _characteristics.TryGetValue(code, out characteristic!);

    public Characteristic GetCharacteristic(string code) =>
        _characteristics.TryGetValue(code, out var c) ? c : throw new KeyNotFoundException($"No characteristic has the code '{code}'.");

    public SubDimension GetSubDimension(string code) =>
        _subDimensions.TryGetValue(code, out var s) ? s : throw new KeyNotFoundException($"No sub-dimension has the code '{code}'.");

    public Dimension GetDimension(string code) =>
        _dimensions.TryGetValue(code, out var d) ? d : throw new KeyNotFoundException($"No dimension has the code '{code}'.");

    public ClassDefinition GetClass(CharacteristicClass characteristicClass) => Classes.First(c => c.Class == characteristicClass);

    public LevelDefinition GetLevel(MaturityLevel level) => Levels[level.Number() - 1];

    public IReadOnlyList<HelpfulDocument> DocumentsFor(Characteristic characteristic) =>
        [.. Documents.Where(d => d.SubDimensionCodes.Contains(characteristic.SubDimensionCode, StringComparer.Ordinal))];

    /// <summary>ISO 18091 local-government functions linked to a purpose (dimension 4); empty for other characteristics.</summary>
    public IReadOnlyList<string> LocalGovernmentFunctionsFor(Characteristic characteristic) =>
        LocalGovernmentFunctionsByPurpose.TryGetValue(characteristic.Code, out var functions) ? functions : [];

    /// <summary>
    /// Characteristics whose code, title, description or criteria contain every word of the query
    /// (case- and accent-insensitive), best matches (title hits) first.
    /// </summary>
    public IReadOnlyList<CatalogueSearchHit> Search(string? query) => CatalogueSearch.Run(this, query);
}
