using System.Globalization;
using System.Text;

namespace CityMaturity.Domain.Organisations;

public static class Slugs
{
    /// <summary>"Città di Ñuñoa (Demo)" → "citta-di-nunoa-demo": lower-case ASCII letters, digits and single hyphens.</summary>
    public static string From(string text, int maxLength = 60)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "x" : slug;
    }
}
