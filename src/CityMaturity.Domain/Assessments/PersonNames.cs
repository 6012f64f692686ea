using System.Text;

namespace CityMaturity.Domain.Assessments;

/// <summary>
/// Names people type for themselves or others (participants, walk-ins, accounts) are shown to everyone else: on the
/// console, the projector, in exports and the report. Control characters and Unicode direction controls could hide or
/// reorder what others read (U+202E turns "Evegnp.exe" into "Eveexe.png" on screen), so they are removed; line breaks
/// and tabs become a space, and runs of spaces one space.
/// </summary>
public static class PersonNames
{
    public const int MaxLength = 200;

    public static string Clean(string? typed)
    {
        if (string.IsNullOrEmpty(typed))
        {
            return string.Empty;
        }

        var clean = new StringBuilder(typed.Length);
        foreach (var c in typed)
        {
            var separator = char.IsWhiteSpace(c);
            if (!separator && (char.IsControl(c) || IsDirectionControl(c)))
            {
                continue;
            }

            if (separator)
            {
                if (clean.Length > 0 && clean[^1] != ' ')
                {
                    clean.Append(' ');
                }

                continue;
            }

            clean.Append(c);
        }

        return clean.ToString().Trim();
    }

    /// <summary>Embeddings, overrides, isolates and the invisible direction marks (LRM, RLM, ALM).</summary>
    public static bool IsDirectionControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
