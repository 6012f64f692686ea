using System.Globalization;
using System.Text;

namespace CityMaturity.Domain.Evidence;

/// <summary>
/// A document's name as people see it and as the download offers it. The name a browser sends is only ever text to
/// show: it never becomes a path (files are stored by id in the database). Folders are cut off, control and
/// text-direction characters removed, characters that file systems refuse replaced, the length bounded, and the
/// extension made to match the type the content was found to be.
/// </summary>
public static class EvidenceFileNames
{
    public const int MaxLength = 120;

    public static string Clean(string? sent, UploadType type)
    {
        var name = sent ?? string.Empty;
        // Both separators: a Windows browser may send "C:\Users\x\report.pdf", an attacker "../../etc/passwd".
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        var kept = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            kept.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        name = kept.ToString().Trim().Trim('.').Trim();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var stem = type.Extensions.Contains(extension) ? name[..^extension.Length] : name;
        if (!type.Extensions.Contains(extension))
        {
            extension = type.Extension;
        }

        stem = stem.Trim().TrimEnd('.');
        if (stem.Length == 0)
        {
            stem = "document";
        }

        var room = MaxLength - extension.Length;
        if (stem.Length > room)
        {
            // Cut on a whole character: never half of a surrogate pair.
            var cut = room;
            if (char.IsHighSurrogate(stem[cut - 1]))
            {
                cut--;
            }

            stem = stem[..cut].TrimEnd();
        }

        return stem + extension;
    }
}
