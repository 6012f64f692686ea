namespace CityMaturity.Domain.Indicators;

/// <summary>Finds indicators by words of their code, name, definition or unit, optionally within one framework or of one focus.</summary>
public static class IndicatorSearch
{
    /// <summary>
    /// Indicators in library order. A query that is (part of) a code or URL form as typed ("EC: ICT: ICT: 1C",
    /// "L4.3") finds the indicators whose code contains it; otherwise an indicator matches when its code, URL form,
    /// name, definition or unit contains every word (case-insensitive). A blank query matches every indicator; an
    /// unknown framework key matches none. A focus keeps only the indicators classified so (smart, sustainable…).
    /// </summary>
    public static IReadOnlyList<Indicator> Find(IndicatorLibrary library, string? query, string? frameworkKey = null, IndicatorFocus? focus = null)
    {
        var words = (query ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var inFramework = string.IsNullOrWhiteSpace(frameworkKey)
            ? library.Indicators
            : library.FindFramework(frameworkKey)?.Indicators ?? [];
        var candidates = focus is null ? inFramework : inFramework.Where(i => i.Focus == focus);
        var phrase = string.Join(' ', words);
        var byCode = candidates.Where(i => phrase.Length > 0 && (i.Code.Contains(phrase, StringComparison.OrdinalIgnoreCase) || i.Slug.Contains(phrase, StringComparison.OrdinalIgnoreCase))).ToList();
        // Codes are made of short words ("EC: ICT: ICT: 1C"); matched word by word they would find their neighbours too.
        return byCode.Count > 0 ? byCode : [.. candidates.Where(indicator => words.All(word => Matches(indicator, word)))];
    }

    private static bool Matches(Indicator indicator, string word) =>
        indicator.Code.Contains(word, StringComparison.OrdinalIgnoreCase)
        || indicator.Slug.Contains(word, StringComparison.OrdinalIgnoreCase)
        || indicator.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
        || indicator.Definition.Contains(word, StringComparison.OrdinalIgnoreCase)
        || indicator.Unit.Contains(word, StringComparison.OrdinalIgnoreCase);
}
