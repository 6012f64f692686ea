using System.Globalization;
using System.Text;
using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports;

/// <summary>
/// The download name of a report: <c>&lt;community&gt;-&lt;assessment&gt;-baseline-&lt;yyyy-mm-dd&gt;.pdf</c> (every other
/// download follows the same pattern with its own word and extension), lower case,
/// accents folded to ASCII ("Zürich" → "zurich", "Łódź" → "lodz"), every other character a hyphen. Letters
/// with no ASCII form (Chinese, Greek …) are kept, so a Chinese name does not vanish; a web layer sends
/// the name as RFC 5987 <c>filename*</c>.
/// </summary>
public static class ReportFileName
{
    /// <summary>Each name part stays within this many UTF-8 bytes, so the whole name stays far below 255.</summary>
    public const int MaxPartBytes = 80;

    public static string For(BaselineReport report) =>
        For(report.Metadata.Community, report.Metadata.AssessmentName, report.Metadata.AssessmentDate);

    public static string For(string community, string assessment, DateOnly date) => For(community, assessment, "baseline", date, "pdf");

    /// <summary>
    /// The one pattern of every download (report, CSV files, workbook): <c>&lt;community&gt;-&lt;assessment&gt;-&lt;what&gt;-&lt;yyyy-mm-dd&gt;.&lt;ext&gt;</c>.
    /// </summary>
    public static string For(string community, string assessment, string what, DateOnly date, string extension) =>
        $"{Slug(community, "community")}-{Slug(assessment, "assessment")}-{what}-{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>Lower-case, ASCII-folded where possible, letters and digits joined by single hyphens.</summary>
    public static string Slug(string text, string fallback = "report")
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            folded.Append(Fold(c));
        }

        var slug = new StringBuilder(folded.Length);
        var text2 = folded.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
        for (var i = 0; i < text2.Length; i++)
        {
            var c = text2[i];
            var keep = char.IsAsciiLetterOrDigit(c)
                || (c > 0x7F && char.IsLetterOrDigit(c))
                || (char.IsHighSurrogate(c) && i + 1 < text2.Length && char.IsLetterOrDigit(text2, i));
            if (keep)
            {
                slug.Append(c);
                if (char.IsHighSurrogate(c))
                {
                    slug.Append(text2[++i]);
                }
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = Truncate(slug.ToString().Trim('-'));
        return result.Length == 0 ? fallback : result;
    }

    private static string Fold(char c) => c switch
    {
        'ß' => "ss",
        'Æ' => "AE",
        'æ' => "ae",
        'Œ' => "OE",
        'œ' => "oe",
        'Ø' => "O",
        'ø' => "o",
        'Đ' or 'Ð' => "D",
        'đ' or 'ð' => "d",
        'Ł' => "L",
        'ł' => "l",
        'Þ' => "Th",
        'þ' => "th",
        'ı' => "i",
        _ => c.ToString(),
    };

    private static string Truncate(string slug)
    {
        if (Encoding.UTF8.GetByteCount(slug) <= MaxPartBytes)
        {
            return slug;
        }

        var elements = StringInfo.ParseCombiningCharacters(slug);
        var end = 0;
        foreach (var start in elements.Skip(1).Append(slug.Length))
        {
            if (Encoding.UTF8.GetByteCount(slug.AsSpan(0, start)) > MaxPartBytes)
            {
                break;
            }

            end = start;
        }

        var cut = slug[..end];
        var lastHyphen = cut.LastIndexOf('-');
        // Prefer to end at a word boundary when one is not too far back.
        return (lastHyphen > end / 2 ? cut[..lastHyphen] : cut).Trim('-');
    }
}
