using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Indicators;

/// <summary>
/// Replaces the wording of frameworks, groups and indicators with a text pack's (e.g. a licensed official text),
/// by key and code; structure, units, types and calculations stay. Names only codes that exist.
/// </summary>
internal static class IndicatorTextOverlay
{
    public static List<IndicatorFramework> Apply(List<IndicatorFramework> frameworks, TextPackJson pack, FaultList faults)
    {
        var source = faults.Required(pack.Name, "name");
        var frameworkTexts = pack.Frameworks ?? [];
        var indicatorTexts = pack.Indicators ?? [];
        faults.Expect(frameworkTexts.Count + indicatorTexts.Count > 0, "the text pack names no framework and no indicator");
        foreach (var key in frameworkTexts.Keys.Where(k => !frameworks.Any(f => f.Key == k)))
        {
            faults.Add($"the pack names framework '{key}', which is not loaded");
        }

        var allCodes = frameworks.SelectMany(f => f.Indicators).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in indicatorTexts.Keys.Where(c => !allCodes.Contains(c)))
        {
            faults.Add($"the pack names indicator '{code}', which no framework has");
        }

        foreach (var (code, text) in indicatorTexts.Where(t => IsBlank(t.Value.Name) && IsBlank(t.Value.Definition) && IsBlank(t.Value.Note)))
        {
            faults.Add($"the pack's entry for indicator '{code}' gives no text");
        }

        return [.. frameworks.Select(f => Overlay(f, frameworkTexts.GetValueOrDefault(f.Key), indicatorTexts, source, faults))];
    }

    private static IndicatorFramework Overlay(IndicatorFramework framework, FrameworkTextJson? text, Dictionary<string, IndicatorTextJson> indicatorTexts, string source, FaultList faults)
    {
        var groupTexts = text?.Groups ?? [];
        foreach (var code in groupTexts.Keys.Where(c => !framework.Groups.Any(g => g.Code == c)))
        {
            faults.Add($"the pack names group '{code}' of framework '{framework.Key}', which does not exist");
        }

        var touched = text is not null || framework.Indicators.Any(i => indicatorTexts.ContainsKey(i.Code));
        if (!touched)
        {
            return framework;
        }

        return framework with
        {
            Name = Or(text?.Name, framework.Name),
            About = Or(text?.About, framework.About),
            Groups = [.. framework.Groups.Select(g => g with { Name = Or(groupTexts.GetValueOrDefault(g.Code), g.Name) })],
            Indicators = [.. framework.Indicators.Select(i => indicatorTexts.TryGetValue(i.Code, out var t)
                ? i with { Name = Or(t.Name, i.Name), Definition = Or(t.Definition, i.Definition), Note = IsBlank(t.Note) ? i.Note : t.Note!.Trim() }
                : i)],
            WordingSource = source,
        };
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string Or(string? replacement, string original) => IsBlank(replacement) ? original : replacement!.Trim();
}
