using System.Net.Mail;

namespace CityMaturity.Domain;

/// <summary>
/// The one rule for an email address, wherever one comes in (invitations, participants typed or pasted, the ratings
/// file): a bare address of at most 254 characters that System.Net.Mail reads back unchanged — so "Ana &lt;ana@x.org&gt;"
/// or an address with spaces is refused rather than silently rewritten. Stored lower-case, so one person is one address.
/// </summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321's limit for a path, and the column's.</summary>
    public const int MaxLength = 254;

    public static bool IsValid(string text) =>
        text.Length is > 0 and <= MaxLength
        && MailAddress.TryCreate(text, out var parsed)
        && string.Equals(parsed.Address, text, StringComparison.Ordinal);

    /// <summary>The address trimmed and lower-cased, or null when it breaks the rule.</summary>
    public static string? Normalise(string text)
    {
        var trimmed = text.Trim();
        return IsValid(trimmed) ? trimmed.ToLowerInvariant() : null;
    }
}
