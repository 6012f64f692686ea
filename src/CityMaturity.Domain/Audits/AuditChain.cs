using System.Security.Cryptography;
using System.Text.Json;

namespace CityMaturity.Domain.Audits;

/// <summary>
/// One entry of an audit's record: what happened (<paramref name="Kind"/>), when, by whom, and its details as canonical
/// JSON text. Entries form a hash chain: each hash covers the entry and the previous entry's hash, so changing, removing
/// or reordering any entry breaks every hash after it.
/// </summary>
/// <param name="Sequence">1 for the first entry of the audit, then 2, 3 … without gaps.</param>
/// <param name="Actor">A label of who acted ("auditor:…", "city:…"), never personal data of participants.</param>
/// <param name="Details">Canonical JSON of the step's details (see <see cref="CanonicalJson"/>).</param>
public sealed record AuditEntryContent(Guid AuditId, int Sequence, DateTimeOffset At, string Kind, string Actor, string Details);

/// <summary>A stored entry: its content, the previous entry's hash (empty for the first) and its own hash.</summary>
public sealed record ChainedEntry(AuditEntryContent Content, string PreviousHash, string Hash);

/// <summary>Where a chain breaks: the first entry whose hash, link or sequence does not hold.</summary>
public sealed record ChainBreak(int Sequence, string Reason);

public static class AuditChain
{
    public const string Genesis = "";

    /// <summary>The bytes an entry's hash covers: the previous hash and every field of the entry, as canonical JSON.</summary>
    public static byte[] CanonicalBytes(AuditEntryContent entry, string previousHash) => CanonicalJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("audit", entry.AuditId.ToString("D"));
        writer.WriteNumber("sequence", entry.Sequence);
        writer.WriteString("at", CanonicalJson.Timestamp(entry.At));
        writer.WriteString("kind", entry.Kind);
        writer.WriteString("actor", entry.Actor);
        writer.WriteString("details", entry.Details);
        writer.WriteString("previous", previousHash);
        writer.WriteEndObject();
    });

    /// <summary>SHA-256 of the canonical bytes, lower-case hex.</summary>
    public static string HashOf(AuditEntryContent entry, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(entry, previousHash)));

    /// <summary>The entry that follows <paramref name="previous"/> (null for the first), chained to it.</summary>
    public static ChainedEntry Append(ChainedEntry? previous, AuditEntryContent content)
    {
        var expectedSequence = (previous?.Content.Sequence ?? 0) + 1;
        if (content.Sequence != expectedSequence)
        {
            throw new ArgumentException($"Entry {content.Sequence} cannot follow entry {expectedSequence - 1}.", nameof(content));
        }

        var previousHash = previous?.Hash ?? Genesis;
        return new ChainedEntry(content, previousHash, HashOf(content, previousHash));
    }

    /// <summary>Checks a whole chain, in sequence order; null when every entry holds.</summary>
    public static ChainBreak? Verify(IReadOnlyList<ChainedEntry> entries)
    {
        var previousHash = Genesis;
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            if (entry.Content.Sequence != index + 1)
            {
                return new ChainBreak(entry.Content.Sequence, $"expected entry {index + 1} here (an entry is missing or out of order)");
            }

            if (entry.PreviousHash != previousHash)
            {
                return new ChainBreak(entry.Content.Sequence, "it does not point to the entry before it");
            }

            if (HashOf(entry.Content, entry.PreviousHash) != entry.Hash)
            {
                return new ChainBreak(entry.Content.Sequence, "its content does not match its hash (it was changed after it was written)");
            }

            previousHash = entry.Hash;
        }

        return null;
    }

    /// <summary>Canonical details from name/value pairs (strings; null written as JSON null), in the given order.</summary>
    public static string Details(params (string Name, string? Value)[] fields) => CanonicalJson.Text(CanonicalJson.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }

        writer.WriteEndObject();
    }));

    /// <summary>Reads details written by <see cref="Details"/> back (for showing the record).</summary>
    public static IReadOnlyList<(string Name, string? Value)> ReadDetails(string details)
    {
        using var document = JsonDocument.Parse(details);
        return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString()))];
    }
}
