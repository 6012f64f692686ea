using System.Reflection;

namespace CityMaturity.Domain.Catalogue;

/// <summary>
/// Builds <see cref="MaturityCatalogue"/>s from the embedded catalogue.en.json and from text packs,
/// checking every invariant on the way. A fault anywhere raises one <see cref="CatalogueException"/> naming all faults.
/// </summary>
public static class CatalogueLoader
{
    public const string BaseLanguage = "en";
    internal const string ResourcePrefix = "CityMaturity.Domain.Catalogue.catalogue.";
    private const string OwnWordingSource = "CityMaturity paraphrase (not the official ISO wording)";

    /// <summary>The English catalogue shipped in this assembly.</summary>
    public static MaturityCatalogue LoadEmbedded() => Parse(ReadResource(ResourcePrefix + BaseLanguage + ".json"), "catalogue.en.json");

    /// <summary>Embedded text packs other than the base language (catalogue.&lt;language&gt;.json), as (json, name) pairs.</summary>
    public static IEnumerable<(string Json, string Source)> EmbeddedTextPacks() =>
        typeof(CatalogueLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n != ResourcePrefix + BaseLanguage + ".json")
            .Order(StringComparer.Ordinal)
            .Select(n => (ReadResource(n), n[(ResourcePrefix.Length - "catalogue.".Length)..]));

    public static MaturityCatalogue Parse(string json, string source)
    {
        var document = CatalogueJson.Deserialize<CatalogueDocument>(json, source);
        var faults = new FaultList();
        var catalogue = Build(document, faults);
        faults.ThrowIfAny(source);
        return catalogue!;
    }

    /// <summary>
    /// Returns a catalogue with the structure of <paramref name="baseCatalogue"/> and the wording of the pack.
    /// The pack must name only known codes and give all five criteria of every characteristic.
    /// </summary>
    public static MaturityCatalogue ApplyTextPack(MaturityCatalogue baseCatalogue, string json, string source)
    {
        var pack = CatalogueJson.Deserialize<TextPackDocument>(json, source);
        var faults = new FaultList();
        var catalogue = TextPackOverlay.Apply(baseCatalogue, pack, faults);
        faults.ThrowIfAny(source);
        return catalogue!;
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new CatalogueException(name, ["the embedded resource is missing from CityMaturity.Domain"]);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static MaturityCatalogue? Build(CatalogueDocument doc, FaultList faults)
    {
        var language = faults.Required(doc.Language, "language");
        var standard = new StandardInfo(faults.Required(doc.Standard?.Code, "standard.code"), faults.Required(doc.Standard?.Title, "standard.title"));
        var levels = BuildLevels(doc.Levels, faults);
        var classes = BuildClasses(doc.Classes, faults);
        var dimensions = BuildDimensions(doc.Dimensions, faults);
        var subDimensionCodes = dimensions.SelectMany(d => d.SubDimensions).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var documents = BuildDocuments(doc.Documents, subDimensionCodes, faults);
        var functions = BuildFunctions(doc.LocalGovernmentFunctions, dimensions, faults);
        var stages = BuildStages(doc.PdcaStages, faults);
        var methods = BuildMethods(doc.AssessmentMethods, faults);

        faults.Expect(dimensions.Count == MaturityCatalogue.DimensionCount, $"expected {MaturityCatalogue.DimensionCount} dimensions, found {dimensions.Count}");
        faults.Expect(subDimensionCodes.Count == MaturityCatalogue.SubDimensionCount, $"expected {MaturityCatalogue.SubDimensionCount} sub-dimensions, found {subDimensionCodes.Count}");
        var characteristicCount = dimensions.Sum(d => d.Characteristics.Count());
        faults.Expect(characteristicCount == MaturityCatalogue.CharacteristicCount, $"expected {MaturityCatalogue.CharacteristicCount} characteristics, found {characteristicCount}");
        faults.Unique(dimensions.Select(d => d.Code), "dimension code");
        faults.Unique(subDimensionCodes.Count == 0 ? [] : dimensions.SelectMany(d => d.SubDimensions).Select(s => s.Code), "sub-dimension code");
        faults.Unique(dimensions.SelectMany(d => d.Characteristics).Select(c => c.Code), "characteristic code");
        foreach (var usedClass in dimensions.SelectMany(d => d.Characteristics).Select(c => c.Class).Distinct())
        {
            faults.Expect(classes.Any(c => c.Class == usedClass), $"class '{usedClass.Code()}' is used but not defined");
        }

        foreach (var subDimension in subDimensionCodes.Where(code => !documents.Any(d => d.SubDimensionCodes.Contains(code))))
        {
            faults.Add($"sub-dimension {subDimension} has no document that helps");
        }

        return faults.Any ? null : new MaturityCatalogue(language, OwnWordingSource, standard, levels, classes, dimensions, documents, functions, stages, methods);
    }

    private static List<LevelDefinition> BuildLevels(List<LevelJson>? levels, FaultList faults)
    {
        var result = new List<LevelDefinition>();
        faults.Expect(levels?.Count == 5, $"expected 5 level definitions, found {levels?.Count ?? 0}");
        foreach (var (level, index) in (levels ?? []).Select((l, i) => (l, i)))
        {
            if (!MaturityLevels.TryFromNumber(level.Number, out var parsed) || parsed.Number() != index + 1)
            {
                faults.Add($"level definition #{index + 1} has number {level.Number}; levels must be listed 1 to 5 in order");
                continue;
            }

            result.Add(new LevelDefinition(parsed, faults.Required(level.Name, $"levels[{index + 1}].name"), faults.Required(level.Summary, $"levels[{index + 1}].summary")));
        }

        return result;
    }

    private static List<ClassDefinition> BuildClasses(List<ClassJson>? classes, FaultList faults)
    {
        var result = new List<ClassDefinition>();
        foreach (var json in classes ?? [])
        {
            if (!CharacteristicClasses.TryParse(json.Code, out var parsed))
            {
                faults.Add($"class code '{json.Code}' is not one of a, b, c");
                continue;
            }

            var where = $"class {json.Code}";
            result.Add(new ClassDefinition(parsed, faults.Required(json.Name, where + " name"), faults.Required(json.Question, where + " question"), faults.LevelTexts(json.Levels, where)));
        }

        faults.Expect(result.Count == 3, $"expected the 3 classes a, b, c, found {result.Count}");
        faults.Unique(result.Select(c => c.Code), "class code");
        return result;
    }

    private static List<Dimension> BuildDimensions(List<DimensionJson>? dimensions, FaultList faults)
    {
        var result = new List<Dimension>();
        foreach (var dimension in dimensions ?? [])
        {
            var code = faults.Required(dimension.Code, "dimension code");
            var subDimensions = new List<SubDimension>();
            foreach (var subDimension in dimension.SubDimensions ?? [])
            {
                var subCode = faults.Required(subDimension.Code, $"code of a sub-dimension of dimension {code}");
                faults.Expect(subCode.StartsWith(code + ".", StringComparison.Ordinal), $"sub-dimension {subCode} is listed under dimension {code}");
                var characteristics = (subDimension.Characteristics ?? [])
                    .Select(c => BuildCharacteristic(c, subCode, code, faults))
                    .OfType<Characteristic>()
                    .ToList();
                faults.Expect(characteristics.Count > 0, $"sub-dimension {subCode} has no characteristics");
                subDimensions.Add(new SubDimension(subCode, faults.Required(subDimension.Title, $"sub-dimension {subCode} title"), code, characteristics));
            }

            result.Add(new Dimension(code, faults.Required(dimension.Title, $"dimension {code} title"), faults.Required(dimension.Description, $"dimension {code} description"), subDimensions));
        }

        return result;
    }

    private static Characteristic? BuildCharacteristic(CharacteristicJson json, string subDimensionCode, string dimensionCode, FaultList faults)
    {
        var code = faults.Required(json.Code, $"code of a characteristic in sub-dimension {subDimensionCode}");
        var where = $"characteristic {code}";
        // In dimension 4 the sub-dimension is the characteristic: "4.1" holds "4.1".
        var belongs = code == subDimensionCode || code.StartsWith(subDimensionCode + ".", StringComparison.Ordinal);
        faults.Expect(belongs, $"{where} is listed under sub-dimension {subDimensionCode}");
        if (!CharacteristicClasses.TryParse(json.Class, out var characteristicClass))
        {
            faults.Add($"{where} has class '{json.Class}', which is not one of a, b, c");
        }

        var title = faults.Required(json.Title, where + " title");
        var about = faults.Required(json.About, where + " about");
        var criteria = faults.LevelTexts(json.Levels, where);
        return new Characteristic(code, title, about, characteristicClass, subDimensionCode, dimensionCode, criteria, string.IsNullOrWhiteSpace(json.Note) ? null : json.Note);
    }

    private static List<HelpfulDocument> BuildDocuments(List<DocumentJson>? documents, HashSet<string> subDimensionCodes, FaultList faults)
    {
        var result = new List<HelpfulDocument>();
        foreach (var json in documents ?? [])
        {
            var code = faults.Required(json.Code, "document code");
            var serves = json.SubDimensions ?? [];
            faults.Expect(serves.Count > 0, $"document {code} serves no sub-dimension");
            foreach (var unknown in serves.Where(s => !subDimensionCodes.Contains(s)))
            {
                faults.Add($"document {code} refers to sub-dimension '{unknown}', which does not exist");
            }

            result.Add(new HelpfulDocument(code, faults.Required(json.Title, $"document {code} title"), faults.Required(json.Purpose, $"document {code} purpose"), serves));
        }

        faults.Expect(result.Count > 0, "the list of documents that help is empty");
        faults.Unique(result.Select(d => d.Code), "document code");
        return result;
    }

    private static Dictionary<string, IReadOnlyList<string>> BuildFunctions(Dictionary<string, List<string>>? functions, List<Dimension> dimensions, FaultList faults)
    {
        var purposes = dimensions.Where(d => d.Code == "4").SelectMany(d => d.Characteristics).Select(c => c.Code).ToList();
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (purpose, list) in functions ?? [])
        {
            if (!purposes.Contains(purpose))
            {
                faults.Add($"local-government functions are given for '{purpose}', which is not a purpose (dimension 4 characteristic)");
                continue;
            }

            faults.Expect(list.Count > 0 && list.All(f => !string.IsNullOrWhiteSpace(f)), $"the local-government functions of purpose {purpose} are empty");
            result[purpose] = list;
        }

        foreach (var missing in purposes.Where(p => !result.ContainsKey(p)))
        {
            faults.Add($"purpose {missing} has no ISO 18091 local-government functions");
        }

        return result;
    }

    private static List<PdcaStage> BuildStages(List<StageJson>? stages, FaultList faults)
    {
        var result = (stages ?? []).Select((s, i) => new PdcaStage(
            s.Number,
            faults.Required(s.Key, $"stage {i + 1} key"),
            faults.Required(s.Name, $"stage {i + 1} name"),
            faults.Required(s.ModelUse, $"stage {i + 1} modelUse"))).ToList();
        faults.Expect(result.Count == 5 && result.Select(s => s.Number).SequenceEqual([1, 2, 3, 4, 5]), "expected the five ISO 37104 stages numbered 1 to 5 in order");
        faults.Unique(result.Select(s => s.Key), "stage key");
        return result;
    }

    private static List<AssessmentMethodInfo> BuildMethods(List<MethodJson>? methods, FaultList faults)
    {
        var result = (methods ?? []).Select((m, i) => new AssessmentMethodInfo(
            faults.Required(m.Key, $"method {i + 1} key"),
            faults.Required(m.Name, $"method {i + 1} name"),
            faults.Required(m.Description, $"method {i + 1} description"))).ToList();
        faults.Expect(result.Count == 5, $"expected the five assessment methods of clause 5.1, found {result.Count}");
        faults.Unique(result.Select(m => m.Key), "assessment method key");
        return result;
    }
}
