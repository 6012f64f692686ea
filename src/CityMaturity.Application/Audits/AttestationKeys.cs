using System.Security.Cryptography;
using CityMaturity.Domain.Audits;
using CityMaturity.Infrastructure.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Application.Audits;

/// <summary>
/// The ECDSA P-256 key that signs attestations (ADR 0031). Made on first use and stored in the database with its private
/// half encrypted by ASP.NET Core data protection — the key ring that is itself protected by the operator's certificate
/// (ADR 0015) — so every app instance signs with the same key and a database dump alone cannot sign. The public half is
/// published at <see cref="PublicKeyPath"/>.
/// </summary>
public sealed class AttestationKeys(IDbContextFactory<CityMaturityDb> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string PublicKeyPath = "/.well-known/citymaturity-attestation-key.pem";

    private const string Purpose = "CityMaturity.AttestationSigningKey.v1";

    public sealed record PublicKey(string KeyId, byte[] Spki)
    {
        public string Pem => PemEncoding.WriteString("PUBLIC KEY", Spki) + "\n";
    }

    /// <summary>The current signing key's public half (made if there is none yet).</summary>
    public async Task<PublicKey> CurrentPublicKeyAsync(CancellationToken cancellationToken = default)
    {
        var key = await CurrentAsync(cancellationToken);
        return new PublicKey(key.KeyId, key.PublicKeySpki);
    }

    /// <summary>Any key that ever signed here, current or retired, by id; null when unknown.</summary>
    public async Task<PublicKey?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.AttestationSigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        return key is null ? null : new PublicKey(key.KeyId, key.PublicKeySpki);
    }

    /// <summary>Signs the canonical bytes with the current key.</summary>
    public async Task<(string KeyId, byte[] Signature)> SignAsync(Func<string, byte[]> canonicalFor, CancellationToken cancellationToken = default)
    {
        var stored = await CurrentAsync(cancellationToken);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(protection.CreateProtector(Purpose).Unprotect(stored.ProtectedPrivateKey)), out _);
        var canonical = canonicalFor(stored.KeyId);
        return (stored.KeyId, AttestationSignature.Sign(key, canonical));
    }

    private async Task<AttestationSigningKey> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AttestationSigningKeys.AsNoTracking().SingleOrDefaultAsync(k => k.RetiredAt == null, cancellationToken) is { } current)
        {
            return current;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var made = new AttestationSigningKey
        {
            KeyId = AttestationSignature.KeyId(spki), PublicKeySpki = spki, CreatedAt = clock.GetUtcNow(),
            ProtectedPrivateKey = protection.CreateProtector(Purpose).Protect(Convert.ToBase64String(key.ExportPkcs8PrivateKey())),
        };
        db.AttestationSigningKeys.Add(made);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return made;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance made the first key at the same moment: there is one current key, use that one.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await fresh.AttestationSigningKeys.AsNoTracking().SingleAsync(k => k.RetiredAt == null, cancellationToken);
        }
    }
}
