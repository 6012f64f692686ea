using System.Text;
using System.Text.Json;
using CityMaturity.Domain.Audits;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Audits;

/// <summary>A stored attestation as the public sees it: exactly the signed bytes, the signature, and whether it stands.</summary>
public sealed record PublicAttestation(
    string Code, byte[] Canonical, byte[] Signature, string KeyId, bool SignatureValid, DateTimeOffset? WithdrawnAt, string? WithdrawnReason)
{
    public string CanonicalText => Encoding.UTF8.GetString(Canonical);

    public string SignatureBase64 => Convert.ToBase64String(Signature);

    public bool Withdrawn => WithdrawnAt is not null;
}

/// <summary>The result of checking a pasted attestation and signature.</summary>
/// <param name="SignatureValid">The signature is valid for exactly these bytes under the key the attestation names.</param>
/// <param name="KnownHere">This service issued an attestation with that code and exactly these bytes.</param>
public sealed record AttestationCheck(bool SignatureValid, bool KnownHere, bool Withdrawn, string? Code, string Explanation);

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
/// The public side of attestations: find one by its code (only what it states, nothing else of the city), and check a
/// pasted attestation and signature against the published keys. Needs no account.
/// </summary>
public sealed class AttestationService(IDbContextFactory<CityMaturityDb> dbFactory, AttestationKeys keys)
{
    public const int MaxPastedBytes = 256 * 1024;

    public async Task<PublicAttestation?> FindAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (!AttestationSignature.LooksLikeCode(code))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.AuditAttestations.AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var key = await keys.FindAsync(stored.KeyId, cancellationToken);
        var valid = key is not null && AttestationSignature.Verify(key.Spki, stored.Canonical, stored.Signature);
        return new PublicAttestation(stored.Code, stored.Canonical, stored.Signature, stored.KeyId, valid, stored.WithdrawnAt, stored.WithdrawnReason);
    }

    /// <summary>Checks pasted text (the attestation file, byte for byte) and its signature (base64 of the .sig file).</summary>
    public async Task<AttestationCheck> CheckAsync(string? attestation, string? signatureBase64, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(attestation) || string.IsNullOrWhiteSpace(signatureBase64))
        {
            return new AttestationCheck(false, false, false, null, "Paste both the attestation (the .json file) and its signature (the .sig file as base64).");
        }

        var canonical = Encoding.UTF8.GetBytes(attestation.TrimEnd('\r', '\n'));
        if (canonical.Length > MaxPastedBytes)
        {
            return new AttestationCheck(false, false, false, null, "That is far larger than any attestation.");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureBase64.Trim());
        }
        catch (FormatException)
        {
            return new AttestationCheck(false, false, false, null, "The signature is not base64.");
        }

        if (AttestationDocument.ReadIdentity(canonical) is not { } identity)
        {
            return new AttestationCheck(false, false, false, null, "This is not a CityMaturity attestation (or it was changed so it no longer reads as one).");
        }

        var key = await keys.FindAsync(identity.KeyId, cancellationToken);
        if (key is null)
        {
            return new AttestationCheck(false, false, false, identity.Code, "The key this attestation names is not one of this service's keys.");
        }

        if (!AttestationSignature.Verify(key.Spki, canonical, signature))
        {
            return new AttestationCheck(false, false, false, identity.Code, "The signature does not match: the attestation or the signature was changed, or they do not belong together.");
        }

        // The signature is already checked: only the stored text and the withdrawal are needed, not FindAsync's re-check.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.AuditAttestations.AsNoTracking().Where(a => a.Code == identity.Code)
            .Select(a => new { a.Canonical, a.WithdrawnAt }).SingleOrDefaultAsync(cancellationToken);
        var known = stored is not null && stored.Canonical.AsSpan().SequenceEqual(canonical);
        var withdrawn = stored?.WithdrawnAt is not null;
        return new AttestationCheck(true, known, withdrawn, identity.Code,
            withdrawn ? "The signature is valid, but the attestation has been withdrawn."
            : known ? "The signature is valid and the attestation is in force."
            : "The signature is valid, but this service holds no such attestation.");
    }
}
