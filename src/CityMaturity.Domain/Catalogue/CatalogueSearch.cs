using System.Globalization;

namespace CityMaturity.Domain.Catalogue;

/// <summary>A search result: the characteristic and the first place each query matched, for a snippet.</summary>
public sealed record CatalogueSearchHit(Characteristic Characteristic, bool MatchedTitle, string Snippet);

internal static class CatalogueSearch
{
    private const int SnippetRadius = 80;

    public static IReadOnlyList<CatalogueSearchHit> Run(MaturityCatalogue catalogue, string? query)
    {
        var terms = (query ?? string.Empty)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 0)
        {
            return [];
        }

        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        bool Contains(string text, string term) => compare.IndexOf(text, term, options) >= 0;

        var hits = new List<CatalogueSearchHit>();
        foreach (var characteristic in catalogue.Characteristics)
        {
            string[] fields = [characteristic.Code, characteristic.Title, characteristic.About, .. characteristic.Criteria.All.Select(c => c.Text)];
            var haystack = string.Join('\n', fields);
            if (!terms.All(t => Contains(haystack, t)))
            {
                continue;
            }

            var titleText = characteristic.Code + " " + characteristic.Title;
            var matchedTitle = terms.All(t => Contains(titleText, t));
            var snippetSource = fields.Skip(2).FirstOrDefault(f => Contains(f, terms[0])) ?? characteristic.About;
            hits.Add(new CatalogueSearchHit(characteristic, matchedTitle, Snippet(snippetSource, terms[0], compare, options)));
        }

        return [.. hits.OrderByDescending(h => h.MatchedTitle)];
    }

    private static string Snippet(string text, string term, CompareInfo compare, CompareOptions options)
    {
        var at = Math.Max(0, compare.IndexOf(text, term, options));
        var start = Math.Max(0, at - SnippetRadius);
        var end = Math.Min(text.Length, at + term.Length + SnippetRadius);
        return (start > 0 ? "…" : string.Empty) + text[start..end] + (end < text.Length ? "…" : string.Empty);
    }
}
