namespace CityMaturity.Domain.Catalogue;

/// <summary>Replaces the wording of a catalogue with a text pack's, keeping the structure and codes.</summary>
internal static class TextPackOverlay
{
    public static MaturityCatalogue? Apply(MaturityCatalogue baseCatalogue, TextPackDocument pack, FaultList faults)
    {
        var language = faults.Required(pack.Language, "language");
        var name = faults.Required(pack.Name, "name");
        var characteristics = pack.Characteristics ?? [];
        var dimensionTexts = pack.Dimensions ?? [];
        var subDimensionTexts = pack.SubDimensions ?? [];
        var classTexts = pack.Classes ?? [];

        ReportUnknown(characteristics.Keys, baseCatalogue.Characteristics.Select(c => c.Code), "characteristic", faults);
        ReportUnknown(dimensionTexts.Keys, baseCatalogue.Dimensions.Select(d => d.Code), "dimension", faults);
        ReportUnknown(subDimensionTexts.Keys, baseCatalogue.SubDimensions.Select(s => s.Code), "sub-dimension", faults);
        ReportUnknown(classTexts.Keys, baseCatalogue.Classes.Select(c => c.Code), "class", faults);
        foreach (var missing in baseCatalogue.Characteristics.Where(c => !characteristics.ContainsKey(c.Code)))
        {
            faults.Add($"characteristic {missing.Code} is missing: a text pack must give the criteria of all {MaturityCatalogue.CharacteristicCount} characteristics");
        }

        Characteristic Overlay(Characteristic c) => characteristics.TryGetValue(c.Code, out var t)
            ? c with
            {
                Title = Or(t.Title, c.Title),
                About = Or(t.About, c.About),
                Criteria = faults.LevelTexts(t.Levels, $"characteristic {c.Code}"),
                SourceNote = null,
            }
            : c;

        var dimensions = baseCatalogue.Dimensions.Select(d => d with
        {
            Title = Or(Get(dimensionTexts, d.Code)?.Title, d.Title),
            Description = Or(Get(dimensionTexts, d.Code)?.Description, d.Description),
            SubDimensions = [.. d.SubDimensions.Select(s => s with
            {
                Title = Or(Get(subDimensionTexts, s.Code)?.Title, s.Title),
                Characteristics = [.. s.Characteristics.Select(Overlay)],
            })],
        }).ToList();

        var classes = baseCatalogue.Classes.Select(c => Get(classTexts, c.Code) is { } t
            ? c with { Name = Or(t.Name, c.Name), Question = Or(t.Question, c.Question), Levels = t.Levels is null ? c.Levels : faults.LevelTexts(t.Levels, $"class {c.Code}") }
            : c).ToList();

        return faults.Any
            ? null
            : new MaturityCatalogue(
                language,
                name,
                baseCatalogue.Standard,
                baseCatalogue.Levels,
                classes,
                dimensions,
                baseCatalogue.Documents,
                baseCatalogue.LocalGovernmentFunctionsByPurpose,
                baseCatalogue.PdcaStages,
                baseCatalogue.AssessmentMethods);
    }

    private static TextPackEntry? Get(Dictionary<string, TextPackEntry> entries, string code) => entries.GetValueOrDefault(code);

    private static string Or(string? replacement, string original) => string.IsNullOrWhiteSpace(replacement) ? original : replacement.Trim();

    private static void ReportUnknown(IEnumerable<string> named, IEnumerable<string> known, string what, FaultList faults)
    {
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in named.Where(n => !knownSet.Contains(n)))
        {
            faults.Add($"the pack names {what} '{unknown}', which does not exist in ISO/TS 37107");
        }
    }
}
