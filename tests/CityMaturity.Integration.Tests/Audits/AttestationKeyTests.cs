using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CityMaturity.Application.Audits;
using CityMaturity.Domain.Audits;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Audits;

/// <summary>Each audit body signs with its own key; earlier attestations signed by the installation key still verify (ADR 0040).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AttestationKeyTests(DatabaseFixture database) : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await AuditWorld.CreateAsync(database.Server);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<string> ClosedAttestationAsync()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        return await _world.RunToClosedAsync(await _world.EngageAsync(admin), admin, auditor);
    }

    private static bool Verifies(string pem, byte[] canonical, byte[] signature)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key.VerifyData(canonical, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    [Fact]
    public async Task A_body_signs_with_its_own_published_key_and_its_signature_does_not_verify_under_another_bodys_key()
    {
        var code = await ClosedAttestationAsync();
        using var anonymous = TestClient.Create(_world.Access.Factory);
        var canonical = await (await anonymous.Http.GetAsync($"/verify/{code}/attestation.json")).Content.ReadAsByteArrayAsync();
        var signature = await (await anonymous.Http.GetAsync($"/verify/{code}/attestation.sig")).Content.ReadAsByteArrayAsync();
        var ownPem = await anonymous.Http.GetStringAsync($"{AttestationKeys.BodyKeysPath}/verify-ltd.pem");

        // A body that has signed nothing has no key yet: asking for it makes none.
        var unsigned = await anonymous.Http.GetAsync($"{AttestationKeys.BodyKeysPath}/other-audit.pem");
        Assert.Equal(HttpStatusCode.NotFound, unsigned.StatusCode);
        Assert.Contains("no attestation signed yet", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var keys = _world.World.Services.GetRequiredService<AttestationKeys>();
        Assert.DoesNotContain(await keys.AllAsync(), k => k.AuditBodyId == _world.OtherBody.Id);

        // Another body re-signing Verify Ltd's attestation under its own key (its first signing makes its key).
        var text = Encoding.UTF8.GetString(canonical);
        var ownKeyIdInText = AttestationDocument.ReadIdentity(canonical)!.Value.KeyId;
        var (otherKeyId, forged) = await keys.SignAsync(_world.OtherBody.Id, id => Encoding.UTF8.GetBytes(text.Replace(ownKeyIdInText, id, StringComparison.Ordinal)));
        var otherPem = await anonymous.Http.GetStringAsync($"{AttestationKeys.BodyKeysPath}/other-audit.pem");

        Assert.NotEqual(ownPem, otherPem);
        Assert.True(Verifies(ownPem, canonical, signature));
        Assert.False(Verifies(otherPem, canonical, signature));

        // The key set names each key's body; the attestation names its body's key.
        var set = await AuditWorld.JsonAsync(await anonymous.Http.GetAsync(AttestationKeys.KeySetPath));
        var own = Assert.Single(set.GetProperty("keys").EnumerateArray(), k => k.GetProperty("auditBodySlug").GetString() == "verify-ltd");
        Assert.Equal(ownPem, own.GetProperty("pem").GetString());
        Assert.Contains($"\"keyId\":\"{own.GetProperty("keyId").GetString()}\"", Encoding.UTF8.GetString(canonical), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"{AttestationKeys.BodyKeysPath}/no-such-body.pem")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync(AttestationKeys.PublicKeyPath)).StatusCode);

        // That re-signed attestation: a valid ECDSA signature, but not Verify Ltd's.
        var ownKeyId = own.GetProperty("keyId").GetString()!;
        Assert.Equal(ownKeyId, ownKeyIdInText);
        var check = await AuditWorld.JsonAsync(await anonymous.Http.PostAsJsonAsync("/verify/check",
            new { attestation = text.Replace(ownKeyId, otherKeyId, StringComparison.Ordinal), signature = Convert.ToBase64String(forged) }));
        Assert.False(check.GetProperty("signatureValid").GetBoolean());
        Assert.Contains("another audit body", check.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var genuine = await AuditWorld.JsonAsync(await anonymous.Http.PostAsJsonAsync("/verify/check", new { attestation = text, signature = Convert.ToBase64String(signature) }));
        Assert.True(genuine.GetProperty("signatureValid").GetBoolean());
        Assert.Contains("Verify Ltd's key", genuine.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attestation_signed_earlier_by_the_installation_key_still_verifies()
    {
        var code = await ClosedAttestationAsync();

        // As before per-body keys: an installation key (no body) signed this attestation.
        using var installation = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = installation.ExportSubjectPublicKeyInfo();
        var keyId = AttestationSignature.KeyId(spki);
        await using (var db = await _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            db.AttestationSigningKeys.Add(new AttestationSigningKey { KeyId = keyId, PublicKeySpki = spki, ProtectedPrivateKey = "not needed to verify", CreatedAt = DateTimeOffset.UtcNow.AddYears(-1) });
            var stored = await db.AuditAttestations.SingleAsync(a => a.Code == code);
            var bodyKeyId = stored.KeyId;
            stored.Canonical = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stored.Canonical).Replace(bodyKeyId, keyId, StringComparison.Ordinal));
            stored.Signature = AttestationSignature.Sign(installation, stored.Canonical);
            stored.KeyId = keyId;
            await db.SaveChangesAsync();
        }

        using var anonymous = TestClient.Create(_world.Access.Factory);
        var html = await anonymous.Http.GetStringAsync($"/verify/{code}");
        Assert.Contains("In force", html, StringComparison.Ordinal);
        Assert.Contains("this installation&#x27;s key", html, StringComparison.Ordinal);
        var canonical = await (await anonymous.Http.GetAsync($"/verify/{code}/attestation.json")).Content.ReadAsByteArrayAsync();
        var signature = await (await anonymous.Http.GetAsync($"/verify/{code}/attestation.sig")).Content.ReadAsByteArrayAsync();
        Assert.True(Verifies(await anonymous.Http.GetStringAsync(AttestationKeys.PublicKeyPath), canonical, signature));
        Assert.True(Verifies(await anonymous.Http.GetStringAsync($"/verify/keys/{keyId}.pem"), canonical, signature));
        var check = await AuditWorld.JsonAsync(await anonymous.Http.PostAsJsonAsync("/verify/check", new { attestation = Encoding.UTF8.GetString(canonical), signature = Convert.ToBase64String(signature) }));
        Assert.True(check.GetProperty("signatureValid").GetBoolean() && check.GetProperty("knownHere").GetBoolean());
    }

    [Fact]
    public async Task The_attestation_pdf_is_public_and_prints_the_code_and_where_to_check_it()
    {
        var code = await ClosedAttestationAsync();
        using var anonymous = TestClient.Create(_world.Access.Factory);
        var response = await anonymous.Http.GetAsync($"/verify/{code}/attestation.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains($"Verification code {code}", text, StringComparison.Ordinal);
        Assert.Contains($"/verify/{code}", text, StringComparison.Ordinal);
        Assert.Contains("Audit body Verify Ltd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Silva", text, StringComparison.Ordinal); // no participant's name
        using (var served = Poppler.For(await response.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains("Signature is Valid", served.Signatures(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/verify/{AttestationSignature.NewCode()}/attestation.pdf")).StatusCode);

        // A stored signature that no longer verifies: no PDF is made from it.
        await using (var db = await _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            var stored = await db.AuditAttestations.SingleAsync(a => a.Code == code);
            stored.Signature = [.. stored.Signature.Select((b, i) => i == stored.Signature.Length - 1 ? (byte)(b ^ 0x01) : b)];
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/verify/{code}/attestation.pdf")).StatusCode);
    }
}
