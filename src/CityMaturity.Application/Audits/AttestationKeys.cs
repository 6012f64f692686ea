using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Application.Audits;

/// <summary>
/// The ECDSA P-256 keys that sign attestations (ADR 0031, ADR 0040). Each audit body has a key pair of its own, made when
/// it first signs; attestations signed before that (by the installation key, which belongs to no body) still verify with
/// it. Keys live in the database with their private half encrypted by ASP.NET Core data protection — the key ring that
/// is itself protected by the operator's certificate (ADR 0015) — so every app instance signs with the same key and a
/// database dump alone cannot sign. Each body's current public key is published under <see cref="BodyKeysPath"/>, every
/// key that ever signed in <see cref="KeySetPath"/>.
/// </summary>
public sealed class AttestationKeys(IDbContextFactory<CityMaturityDb> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The installation key of attestations signed before audit bodies had keys of their own.</summary>
    public const string PublicKeyPath = "/.well-known/citymaturity-attestation-key.pem";

    /// <summary>An audit body's current key: <c>{BodyKeysPath}/{slug}.pem</c>.</summary>
    public const string BodyKeysPath = "/.well-known/citymaturity-attestation-keys";

    /// <summary>Every key that ever signed here, with the audit body it belongs to, as JSON.</summary>
    public const string KeySetPath = "/.well-known/citymaturity-attestation-keys.json";

    private const string Purpose = "CityMaturity.AttestationSigningKey.v1";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string KeyId, string Signer), X509Certificate2> _certificates = new();

    /// <summary>A public key, the audit body it belongs to (null: the installation key) and whether it still signs.</summary>
    public sealed record PublicKey(string KeyId, byte[] Spki, Guid? AuditBodyId, string? AuditBody, string? AuditBodySlug, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
    {
        public string Pem => PemEncoding.WriteString("PUBLIC KEY", Spki) + "\n";

        /// <summary>Whether this key may sign for the audit body <paramref name="auditBodyId"/>: its own key, or the installation key.</summary>
        public bool SignsFor(Guid auditBodyId) => AuditBodyId is null || AuditBodyId == auditBodyId;
    }

    /// <summary>One rotation of a body's key: the key retired (null: the body had none yet), the key made, who, when.</summary>
    public sealed record KeyRotation(string? RetiredKeyId, string NewKeyId, string RotatedBy, DateTimeOffset RotatedAt);

    /// <summary>An audit body's keys, oldest first (the one without <c>RetiredAt</c> signs), and their rotations.</summary>
    public sealed record BodyKeys(IReadOnlyList<PublicKey> Keys, IReadOnlyList<KeyRotation> Rotations);

    /// <summary>The installation key's public half; null when this installation never had one.</summary>
    public async Task<PublicKey?> InstallationKeyAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(k => k.AuditBodyId == null && k.RetiredAt == null, cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The current key of the audit body with that address, read in one query: <c>Exists</c> is false when there is no
    /// such body, <c>Key</c> is null while the body has signed nothing yet (keys are made only by <see cref="SignAsync"/>).
    /// </summary>
    public async Task<(bool Exists, PublicKey? Key)> BodyKeyAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (from o in db.Organisations
                           where o.Slug == slug && o.Kind == OrganisationKind.AuditBody
                           join k in db.AttestationSigningKeys.Where(k => k.RetiredAt == null) on (Guid?)o.Id equals k.AuditBodyId into current
                           from k in current.DefaultIfEmpty()
                           select new { o.Name, o.Slug, Key = k }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return found switch
        {
            null => (false, null),
            { Key: null } => (true, null),
            { Key: var k } => (true, new PublicKey(k.KeyId, k.PublicKeySpki, k.AuditBodyId, found.Name, found.Slug, k.CreatedAt, k.RetiredAt)),
        };
    }

    /// <summary>Any key that ever signed here, current or retired, by id; null when unknown.</summary>
    public async Task<PublicKey?> FindAsync(string keyId, CancellationToken cancellationToken = default) =>
        (await ListAsync(k => k.KeyId == keyId, cancellationToken)).SingleOrDefault();

    /// <summary>Every key that ever signed here (the installation key first, then by body and age).</summary>
    public Task<IReadOnlyList<PublicKey>> AllAsync(CancellationToken cancellationToken = default) => ListAsync(_ => true, cancellationToken);

    /// <summary>Signs the canonical bytes with the audit body's current key (made on first use).</summary>
    public async Task<(string KeyId, byte[] Signature)> SignAsync(Guid auditBodyId, Func<string, byte[]> canonicalFor, CancellationToken cancellationToken = default)
    {
        var stored = await CurrentAsync(auditBodyId, cancellationToken);
        using var key = PrivateKey(stored);
        var canonical = canonicalFor(stored.KeyId);
        return (stored.KeyId, AttestationSignature.Sign(key, canonical));
    }

    /// <summary>
    /// A self-signed certificate over the key <paramref name="keyId"/>, naming <paramref name="signer"/>, with its private
    /// key: what signs the attestation's PDF, so the PDF and the JSON are signed by the same published key. Null when
    /// the key is unknown.
    /// </summary>
    /// <remarks>Keys never change, so each certificate is made once per key and signer name and kept.</remarks>
    public async Task<X509Certificate2?> CertificateAsync(string keyId, string signer, CancellationToken cancellationToken = default)
    {
        if (_certificates.TryGetValue((keyId, signer), out var cached))
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AttestationSigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken) is not { } stored)
        {
            return null;
        }

        using var key = PrivateKey(stored);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(signer);
        subject.AddCommonName($"{signer} attestation key {stored.KeyId}");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        var made = request.CreateSelfSigned(stored.CreatedAt.AddDays(-1), stored.CreatedAt.AddYears(30));
        if (_certificates.TryAdd((keyId, signer), made))
        {
            return made;
        }

        made.Dispose();
        return _certificates[(keyId, signer)];
    }

    /// <summary>An audit body's keys (current and retired, oldest first) and the record of their rotations, for its administrators.</summary>
    public async Task<BodyKeys> OfBodyAsync(Guid auditBodyId, CancellationToken cancellationToken = default)
    {
        var owned = await ListAsync(k => k.AuditBodyId == auditBodyId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rotations = await db.AttestationKeyRotations.AsNoTracking().Where(r => r.AuditBodyId == auditBodyId).OrderBy(r => r.RotatedAt).ThenBy(r => r.Id)
            .Select(r => new KeyRotation(r.RetiredKeyId, r.NewKeyId, r.RotatedByName, r.RotatedAt)).ToListAsync(cancellationToken);
        return new BodyKeys(owned, rotations);
    }

    /// <summary>
    /// Rotates the audit body's key (the caller checked that <paramref name="userId"/> administers that body): the
    /// current key is retired — it signs nothing more, and what it signed still verifies — and a new one becomes
    /// current, in one transaction with the rotation's record (who, when). Two rotations at once: the second is refused.
    /// </summary>
    public async Task<(PublicKey? Key, Refusal? Refusal)> RotateAsync(Guid auditBodyId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var body = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == auditBodyId && o.Kind == OrganisationKind.AuditBody, cancellationToken);
        var who = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).SingleOrDefaultAsync(cancellationToken);
        if (body is null || who is null)
        {
            return (null, new Refusal(RefusalKind.NotFound, "There is no such audit body."));
        }

        var now = clock.GetUtcNow();
        var current = (await db.AttestationSigningKeys
            .FromSql($"SELECT * FROM attestation_signing_keys WHERE audit_body_id = {auditBodyId} AND retired_at IS NULL FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        var made = NewKey(auditBodyId);
        try
        {
            if (current is not null)
            {
                current.RetiredAt = now;
                await db.SaveChangesAsync(cancellationToken); // retired first: one current key per body at every moment
            }

            db.AttestationSigningKeys.Add(made);
            await db.SaveChangesAsync(cancellationToken);
            db.AttestationKeyRotations.Add(new AttestationKeyRotation
            {
                AuditBodyId = auditBodyId, RetiredKeyId = current?.KeyId, NewKeyId = made.KeyId, RotatedBy = userId, RotatedByName = who, RotatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return (null, new Refusal(RefusalKind.WrongState, "The key changed at the same moment (another rotation, or a first signing): read the keys again and rotate once more if you still need to."));
        }

        await transaction.CommitAsync(cancellationToken);
        return (new PublicKey(made.KeyId, made.PublicKeySpki, auditBodyId, body.Name, body.Slug, made.CreatedAt, null), null);
    }

    private AttestationSigningKey NewKey(Guid auditBodyId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        return new AttestationSigningKey
        {
            KeyId = AttestationSignature.KeyId(spki), AuditBodyId = auditBodyId, PublicKeySpki = spki, CreatedAt = clock.GetUtcNow(),
            ProtectedPrivateKey = protection.CreateProtector(Purpose).Protect(Convert.ToBase64String(key.ExportPkcs8PrivateKey())),
        };
    }

    private ECDsa PrivateKey(AttestationSigningKey stored)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(protection.CreateProtector(Purpose).Unprotect(stored.ProtectedPrivateKey)), out _);
        return key;
    }

    private async Task<IReadOnlyList<PublicKey>> ListAsync(System.Linq.Expressions.Expression<Func<AttestationSigningKey, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from k in db.AttestationSigningKeys.Where(which)
                      join o in db.Organisations on k.AuditBodyId equals (Guid?)o.Id into bodies
                      from o in bodies.DefaultIfEmpty()
                      orderby k.AuditBodyId != null, o.Name, k.CreatedAt
                      select new PublicKey(k.KeyId, k.PublicKeySpki, k.AuditBodyId, o == null ? null : o.Name, o == null ? null : o.Slug, k.CreatedAt, k.RetiredAt))
            .AsNoTracking().ToListAsync(cancellationToken);
    }

    private async Task<AttestationSigningKey> CurrentAsync(Guid auditBodyId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AttestationSigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.AuditBodyId == auditBodyId && k.RetiredAt == null, cancellationToken) is { } current)
        {
            return current;
        }

        var made = NewKey(auditBodyId);
        db.AttestationSigningKeys.Add(made);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return made;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance made the body's first key at the same moment: there is one current key, use that one.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await fresh.AttestationSigningKeys.AsNoTracking().SingleAsync(k => k.AuditBodyId == auditBodyId && k.RetiredAt == null, cancellationToken);
        }
    }
}
