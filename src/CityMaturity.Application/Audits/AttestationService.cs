using System.Security.Cryptography.X509Certificates;
using System.Text;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Reports;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Audits;

/// <summary>A stored attestation as the public sees it: exactly the signed bytes, the signature, and whether it stands.</summary>
/// <param name="Key">The key it names; null when that key is unknown here.</param>
public sealed record PublicAttestation(
    string Code, byte[] Canonical, byte[] Signature, string KeyId, AttestationKeys.PublicKey? Key, bool SignatureValid, DateTimeOffset? WithdrawnAt, string? WithdrawnReason)
{
    /// <summary>The audit body whose key signed it; null for the installation key of earlier attestations.</summary>
    public string? KeyOwner => Key?.AuditBody;

    public string CanonicalText => Encoding.UTF8.GetString(Canonical);

    public string SignatureBase64 => Convert.ToBase64String(Signature);

    public bool Withdrawn => WithdrawnAt is not null;
}

/// <summary>The attestation's PDF, or why it cannot be made now (the body's certificate expired since start-up).</summary>
public sealed record AttestationPdf(byte[]? Content, Refusal? Refusal);

/// <summary>The result of checking a pasted attestation and signature.</summary>
/// <param name="SignatureValid">The signature is valid for exactly these bytes under the key the attestation names.</param>
/// <param name="KnownHere">This service issued an attestation with that code and exactly these bytes.</param>
public sealed record AttestationCheck(bool SignatureValid, bool KnownHere, bool Withdrawn, string? Code, string Explanation);

/// <summary>
/// The public side of attestations: find one by its code (only what it states, nothing else of the city), and check a
/// pasted attestation and signature against the published keys. Needs no account.
/// </summary>
public sealed class AttestationService(
    IDbContextFactory<CityMaturityDb> dbFactory, AttestationKeys keys, AttestationCertificates certificates, MaturityCatalogue catalogue, TimeProvider clock)
{
    public const int MaxPastedBytes = 256 * 1024;

    public async Task<PublicAttestation?> FindAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (!AttestationSignature.LooksLikeCode(code))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await (from s in db.AuditAttestations
                            join a in db.Audits on s.AuditId equals a.Id
                            where s.Code == code
                            select new { Attestation = s, a.AuditBodyId }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        // Valid only under the key it names, and only if that key is the body's own (or the installation key).
        var t = stored.Attestation;
        var key = await keys.FindAsync(t.KeyId, cancellationToken);
        var valid = key is not null && key.SignsFor(stored.AuditBodyId) && AttestationSignature.Verify(key.Spki, t.Canonical, t.Signature);
        return new PublicAttestation(t.Code, t.Canonical, t.Signature, t.KeyId, key, valid, t.WithdrawnAt, t.WithdrawnReason);
    }

    /// <summary>
    /// The attestation as a PDF (null when there is no such code, or its stored signature does not verify): the statement, the verification code and address, the
    /// signed JSON and its signature printed and attached, and the PDF itself signed: under the audit body's configured
    /// certificate where it has one, otherwise with the key that signed the JSON.
    /// </summary>
    /// <param name="siteBase">The site's public address ending in "/", for the addresses printed on it.</param>
    public async Task<AttestationPdf?> PdfAsync(string? code, Uri siteBase, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(code, cancellationToken) is not { SignatureValid: true, Key: { } key } found
            || AttestationStatement.Read(found.Canonical) is not { } statement)
        {
            return null;
        }

        // Checked at signing time: a certificate valid at start-up may have expired since (ADR 0053).
        if (WhyNoPdf(found) is { } refusal)
        {
            return new AttestationPdf(null, new Refusal(RefusalKind.WrongState, refusal));
        }

        var titles = catalogue.Dimensions.Select(d => (d.Code, d.Title))
            .Concat(catalogue.Characteristics.Select(c => (c.Code, c.Title)))
            .ToDictionary(p => p.Code, p => p.Title, StringComparer.Ordinal);
        var sheet = new AttestationSheet(statement, found.Canonical, found.Signature, key.Pem, key.AuditBody, titles,
            new Uri(siteBase, $"verify/{found.Code}").ToString(), new Uri(siteBase, $"verify/keys/{key.KeyId}.pem").ToString(),
            clock.GetUtcNow(), found.WithdrawnAt, found.WithdrawnReason);

        // The body's configured certificate (ADR 0050), else one the app makes from the key that signed the JSON (ADR 0040).
        if (certificates.For(key.AuditBodySlug) is { } configured)
        {
            return new AttestationPdf(AttestationRenderer.Render(sheet with { CertificateIssuer = configured.GetNameInfo(X509NameType.SimpleName, forIssuer: true) }, configured), null);
        }

        return new AttestationPdf(AttestationRenderer.Render(sheet, await keys.CertificateAsync(key.KeyId, key.AuditBody ?? "CityMaturity", cancellationToken)), null);
    }

    /// <summary>
    /// One sentence per configured certificate (Attestation:Certificates:&lt;slug&gt;) whose address names no audit body
    /// here: no organisation has it, or the one that has it is not an audit body. Such a certificate signs nothing. The
    /// start-up logs these as errors rather than refusing to start: organisations are data, and the body may be created
    /// (or the database restored) after the app started (ADR 0053).
    /// </summary>
    public async Task<IReadOnlyList<string>> CertificatesNamingNoAuditBodyAsync(CancellationToken cancellationToken = default)
    {
        var slugs = certificates.Bodies.Order(StringComparer.Ordinal).ToList();
        if (slugs.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var kinds = await db.Organisations.AsNoTracking().Where(o => slugs.Contains(o.Slug)).ToDictionaryAsync(o => o.Slug, o => o.Kind, cancellationToken);
        return [.. slugs.Select(slug => kinds.TryGetValue(slug, out var kind)
                ? kind == Domain.Organisations.OrganisationKind.AuditBody ? null
                    : $"Attestation:Certificates:{slug} names the organisation '{slug}', which is not an audit body: the certificate signs nothing."
                : $"Attestation:Certificates:{slug} names no audit body: no organisation here has the address '{slug}', so the certificate signs nothing until one does (check the address's spelling).")
            .OfType<string>()];
    }

    /// <summary>Why the attestation's PDF cannot be signed now (the body's configured certificate is outside its validity); null when it can.</summary>
    public string? WhyNoPdf(PublicAttestation found) => certificates.WhyCannotSign(found.Key?.AuditBodySlug, clock.GetUtcNow());

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

        // The signature is already checked: only the stored text, its audit body and the withdrawal are needed.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await (from t in db.AuditAttestations
                            join a in db.Audits on t.AuditId equals a.Id
                            where t.Code == identity.Code
                            select new { t.Canonical, t.WithdrawnAt, a.AuditBodyId }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (stored is not null && !key.SignsFor(stored.AuditBodyId))
        {
            return new AttestationCheck(false, false, false, identity.Code, $"The signature is by {key.AuditBody}'s key, but another audit body issued this attestation.");
        }

        var known = stored is not null && stored.Canonical.AsSpan().SequenceEqual(canonical);
        var withdrawn = stored?.WithdrawnAt is not null;
        var signer = key.AuditBody is { } body ? $"by {body}'s key" : "by this installation's key";
        return new AttestationCheck(true, known, withdrawn, identity.Code,
            withdrawn ? $"The signature is valid ({signer}), but the attestation has been withdrawn."
            : known ? $"The signature is valid ({signer}) and the attestation is in force."
            : $"The signature is valid ({signer}), but this service holds no such attestation.");
    }
}
