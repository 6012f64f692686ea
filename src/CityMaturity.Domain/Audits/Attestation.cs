using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Audits;

/// <summary>One characteristic as attested: the verified level (null: cannot be verified) and the finding.</summary>
public sealed record AttestedCharacteristic(string Code, string DimensionCode, MaturityLevel? VerifiedLevel, FindingKind Finding);

/// <summary>A dimension as attested: the mean of its verified levels (2 decimals), over how many of how many.</summary>
public sealed record AttestedDimension(string Code, decimal? MeanVerifiedLevel, int Verified, int Total);

/// <summary>
/// What an attestation states, and nothing more: who audited what and when, the opinion, the reservations, the audited
/// levels per characteristic and dimension, and the hash of the audit record's last entry (so the signed statement is
/// tied to the exact record it closes). Its canonical bytes are what is signed and what anyone re-checks.
/// </summary>
public sealed record AttestationDocument(
    string Code,
    DateTimeOffset IssuedAt,
    string AuditBody,
    string City,
    string Community,
    string Assessment,
    Guid AssessmentId,
    int SubmissionVersion,
    DateOnly EngagedFrom,
    DateOnly EngagedUntil,
    IReadOnlyList<int> IndicatorYears,
    AuditOpinion Opinion,
    string? Reservations,
    IReadOnlyList<AttestedCharacteristic> Characteristics,
    string RecordHash,
    int RecordEntries,
    string KeyId)
{
    public const string Format = "citymaturity-attestation/1";

    /// <summary>Dimensions in the order their characteristics first appear; each characteristic weighs the same.</summary>
    public IReadOnlyList<AttestedDimension> Dimensions =>
    [
        .. Characteristics.GroupBy(c => c.DimensionCode, StringComparer.Ordinal).Select(group =>
        {
            var levels = group.Where(c => c.VerifiedLevel is not null).Select(c => (decimal)c.VerifiedLevel!.Value.Number()).ToArray();
            return new AttestedDimension(group.Key, levels.Length == 0 ? null : Figures.RoundedMean(levels.Sum(), levels.Length), levels.Length, group.Count());
        }),
    ];

    /// <summary>The bytes that are signed: canonical JSON, the same for the same statement on every machine.</summary>
    public byte[] CanonicalBytes() => CanonicalJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteString("code", Code);
        writer.WriteString("issuedAt", CanonicalJson.Timestamp(IssuedAt));
        writer.WriteString("auditBody", AuditBody);
        writer.WriteString("city", City);
        writer.WriteString("community", Community);
        writer.WriteString("assessment", Assessment);
        writer.WriteString("assessmentId", AssessmentId.ToString("D"));
        writer.WriteNumber("submissionVersion", SubmissionVersion);
        writer.WriteString("engagedFrom", EngagedFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteString("engagedUntil", EngagedUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteStartArray("indicatorYears");
        foreach (var year in IndicatorYears)
        {
            writer.WriteNumberValue(year);
        }

        writer.WriteEndArray();
        writer.WriteString("opinion", Opinion.Code());
        if (Reservations is null)
        {
            writer.WriteNull("reservations");
        }
        else
        {
            writer.WriteString("reservations", Reservations);
        }

        writer.WriteStartArray("characteristics");
        foreach (var characteristic in Characteristics)
        {
            writer.WriteStartObject();
            writer.WriteString("code", characteristic.Code);
            writer.WriteString("dimension", characteristic.DimensionCode);
            writer.WriteString("verifiedLevel", FindingKinds.VerifiedLevelCode(characteristic.VerifiedLevel));
            writer.WriteString("finding", characteristic.Finding.Code());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("dimensions");
        foreach (var dimension in Dimensions)
        {
            writer.WriteStartObject();
            writer.WriteString("code", dimension.Code);
            if (dimension.MeanVerifiedLevel is { } mean)
            {
                writer.WriteString("meanVerifiedLevel", mean.ToString("0.00", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("meanVerifiedLevel");
            }

            writer.WriteNumber("verified", dimension.Verified);
            writer.WriteNumber("total", dimension.Total);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("recordHash", RecordHash);
        writer.WriteNumber("recordEntries", RecordEntries);
        writer.WriteString("keyId", KeyId);
        writer.WriteEndObject();
    });

    /// <summary>The code and key id a pasted attestation names, if it is one of ours at all (for finding the stored copy).</summary>
    public static (string Code, string KeyId)? ReadIdentity(byte[] canonical)
    {
        try
        {
            using var document = JsonDocument.Parse(canonical);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == Format
                && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && root.TryGetProperty("keyId", out var keyId) && keyId.ValueKind == JsonValueKind.String
                ? (code.GetString()!, keyId.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// ECDSA over P-256 with SHA-256, the signature DER-encoded (RFC 3279) so that <c>openssl dgst -sha256 -verify</c>
/// checks it as is. Public keys travel as SubjectPublicKeyInfo (PEM "PUBLIC KEY"); a key's id is the first 16 hex
/// digits of the SHA-256 of that structure.
/// </summary>
public static class AttestationSignature
{
    public static byte[] Sign(ECDsa key, byte[] canonical) =>
        key.SignData(canonical, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>True only when <paramref name="signature"/> is a valid signature of exactly these bytes by that key.</summary>
    public static bool Verify(byte[] publicKeySpki, byte[] canonical, byte[] signature)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKeySpki, out _);
            return key.VerifyData(canonical, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static string KeyId(byte[] publicKeySpki) => Convert.ToHexStringLower(SHA256.HashData(publicKeySpki))[..16];

    /// <summary>A code to print on an attestation and put in its address: 128 random bits, URL-safe, unguessable.</summary>
    public static string NewCode() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Codes are exactly what <see cref="NewCode"/> makes: 22 characters of the URL-safe alphabet.</summary>
    public static bool LooksLikeCode(string? code) =>
        code is { Length: 22 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>Participants as an auditor sees them unless the city shows names: P01, P02 … in a stable order.</summary>
public static class Pseudonyms
{
    /// <summary>Pseudonyms by participant id, numbered in the order given (callers sort by when a participant was added).</summary>
    public static IReadOnlyDictionary<Guid, string> For(IEnumerable<Guid> participantsInOrder)
    {
        var result = new Dictionary<Guid, string>();
        foreach (var id in participantsInOrder)
        {
            result.TryAdd(id, Label(result.Count));
        }

        return result;
    }

    /// <summary>The pseudonym of the participant at <paramref name="index"/> (0-based): P01, P02 … P99, P100.</summary>
    public static string Label(int index) => string.Create(CultureInfo.InvariantCulture, $"P{index + 1:00}");
}
