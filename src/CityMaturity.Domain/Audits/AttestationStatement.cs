using System.Text.Json;

namespace CityMaturity.Domain.Audits;

/// <summary>What the public verification page shows: the statement read back from the signed bytes, nothing else.</summary>
public sealed record AttestationStatement(
    string Code, string IssuedAt, string AuditBody, string City, string Community, string Assessment, int SubmissionVersion,
    string EngagedFrom, string EngagedUntil, IReadOnlyList<int> IndicatorYears, string Opinion, string? Reservations,
    IReadOnlyList<(string Code, string VerifiedLevel, string Finding)> Characteristics,
    IReadOnlyList<(string Code, string? Mean, int Verified, int Total)> Dimensions,
    string RecordHash, int RecordEntries, string KeyId)
{
    /// <summary>Reads a statement from canonical bytes; null when they are not an attestation of ours.</summary>
    public static AttestationStatement? Read(byte[] canonical)
    {
        try
        {
            using var document = JsonDocument.Parse(canonical);
            var r = document.RootElement;
            if (!r.TryGetProperty("format", out var format) || format.GetString() != AttestationDocument.Format)
            {
                return null;
            }

            return new AttestationStatement(
                r.GetProperty("code").GetString()!, r.GetProperty("issuedAt").GetString()!, r.GetProperty("auditBody").GetString()!,
                r.GetProperty("city").GetString()!, r.GetProperty("community").GetString()!, r.GetProperty("assessment").GetString()!,
                r.GetProperty("submissionVersion").GetInt32(), r.GetProperty("engagedFrom").GetString()!, r.GetProperty("engagedUntil").GetString()!,
                [.. r.GetProperty("indicatorYears").EnumerateArray().Select(y => y.GetInt32())],
                r.GetProperty("opinion").GetString()!, r.GetProperty("reservations").ValueKind == JsonValueKind.Null ? null : r.GetProperty("reservations").GetString(),
                [.. r.GetProperty("characteristics").EnumerateArray().Select(c => (c.GetProperty("code").GetString()!, c.GetProperty("verifiedLevel").GetString()!, c.GetProperty("finding").GetString()!))],
                [.. r.GetProperty("dimensions").EnumerateArray().Select(d => (d.GetProperty("code").GetString()!,
                    d.GetProperty("meanVerifiedLevel").ValueKind == JsonValueKind.Null ? null : d.GetProperty("meanVerifiedLevel").GetString(),
                    d.GetProperty("verified").GetInt32(), d.GetProperty("total").GetInt32()))],
                r.GetProperty("recordHash").GetString()!, r.GetProperty("recordEntries").GetInt32(), r.GetProperty("keyId").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// What the attestation's PDF prints: the signed statement, read back from the signed bytes, with the titles of its
/// characteristics and dimensions, where and how to check it, and the signed bytes and signature themselves (printed
/// and attached as files), so the PDF carries everything an offline check needs.
/// </summary>
/// <param name="Titles">Titles by characteristic or dimension code (a code without one prints alone).</param>
/// <param name="VerifyUrl">The public verification page of this attestation.</param>
/// <param name="KeyUrl">Where the site publishes the public key that signed it.</param>
public sealed record AttestationSheet(
    AttestationStatement Statement,
    byte[] Canonical,
    byte[] Signature,
    string KeyPem,
    string? KeyOwner,
    IReadOnlyDictionary<string, string> Titles,
    string VerifyUrl,
    string KeyUrl,
    DateTimeOffset PrintedAt,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawnReason)
{
    /// <summary>
    /// Who issued the certificate the PDF is signed under, when the audit body has one of its own (typically from a
    /// certificate authority); null when the PDF is signed under a certificate the app made from the attestation key.
    /// </summary>
    public string? CertificateIssuer { get; init; }

    public const string JsonFileName = "attestation.json";
    public const string SignatureFileName = "attestation.sig";
    public const string KeyFileName = "key.pem";

    public string SignatureBase64 => Convert.ToBase64String(Signature);

    public string Title(string code) => Titles.TryGetValue(code, out var title) ? $"{code} {title}" : code;
}
