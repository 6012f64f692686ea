using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
        foreach (var personal in new[] { "Ana Silva", "ana@example.org", "Ben Okafor", "ben@example.org" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase); // no participant's name or email
        }
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
    [Fact]
    public async Task Only_the_bodys_administrators_rotate_its_key_and_what_the_old_key_signed_still_verifies()
    {
        var before = await ClosedAttestationAsync();
        using var anonymous = TestClient.Create(_world.Access.Factory);
        var keys = "/api/orgs/verify-ltd/attestation-keys";
        var oldPem = await anonymous.Http.GetStringAsync($"{AttestationKeys.BodyKeysPath}/verify-ltd.pem");

        // Who may read and rotate: the body's administrators only; everyone else 404 (401 without an account), and a
        // city is no audit body, even to its own administrator.
        var expected = new (string Role, string Path, HttpStatusCode Status)[]
        {
            ("anonymous", keys, HttpStatusCode.Unauthorized), ("auditor", keys, HttpStatusCode.NotFound), ("other_auditor", keys, HttpStatusCode.NotFound),
            ("org_admin", keys, HttpStatusCode.NotFound), ("system_admin", keys, HttpStatusCode.NotFound), ("org_admin", "/api/orgs/city-a/attestation-keys", HttpStatusCode.NotFound),
            ("body_admin", keys, HttpStatusCode.OK),
            ("auditor", "/orgs/verify-ltd/attestation-keys", HttpStatusCode.NotFound), ("org_admin", "/orgs/verify-ltd/attestation-keys", HttpStatusCode.NotFound),
            ("org_admin", "/orgs/city-a/attestation-keys", HttpStatusCode.NotFound), ("body_admin", "/orgs/verify-ltd/attestation-keys", HttpStatusCode.OK),
        };
        foreach (var (role, path, status) in expected)
        {
            using var client = await _world.ClientAsync(role);
            var read = await client.Http.GetAsync(path);
            Assert.True(read.StatusCode == status, $"{role} GET {path}: {(int)read.StatusCode}, expected {(int)status}");
            if (path.StartsWith("/api/", StringComparison.Ordinal) && status != HttpStatusCode.OK)
            {
                var rotate = await AuditWorld.PostAsync(client, $"{path}/rotate");
                Assert.True(rotate.StatusCode == status, $"{role} POST {path}/rotate: {(int)rotate.StatusCode}, expected {(int)status}");
            }
        }

        Assert.Equal(oldPem, await anonymous.Http.GetStringAsync($"{AttestationKeys.BodyKeysPath}/verify-ltd.pem")); // nobody above rotated
        using var bodyAdmin = await _world.ClientAsync("body_admin");
        var page = await bodyAdmin.Http.GetStringAsync("/orgs/verify-ltd/attestation-keys");
        Assert.Contains("Rotate the signing key…", page, StringComparison.Ordinal);

        var rotated = await AuditWorld.JsonAsync(await AuditWorld.PostAsync(bodyAdmin, $"{keys}/rotate"));

        var listed = rotated.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        var (old, current) = (listed.Single(k => !k.GetProperty("current").GetBoolean()), listed.Single(k => k.GetProperty("current").GetBoolean()));
        Assert.Equal(oldPem, old.GetProperty("pem").GetString());
        Assert.Equal(JsonValueKind.String, old.GetProperty("retiredAt").ValueKind);
        var rotation = Assert.Single(rotated.GetProperty("rotations").EnumerateArray());
        Assert.Equal((old.GetProperty("keyId").GetString(), current.GetProperty("keyId").GetString(), _world.BodyAdmin.DisplayName),
            (rotation.GetProperty("retiredKeyId").GetString(), rotation.GetProperty("newKeyId").GetString(), rotation.GetProperty("rotatedBy").GetString()));
        Assert.Contains(old.GetProperty("keyId").GetString()!, await bodyAdmin.Http.GetStringAsync("/orgs/verify-ltd/attestation-keys"), StringComparison.Ordinal);

        // The published keys: the body's current key is the new one; the key set lists both with their dates.
        var newPem = await anonymous.Http.GetStringAsync($"{AttestationKeys.BodyKeysPath}/verify-ltd.pem");
        Assert.Equal(current.GetProperty("pem").GetString(), newPem);
        Assert.NotEqual(oldPem, newPem);
        var set = (await AuditWorld.JsonAsync(await anonymous.Http.GetAsync(AttestationKeys.KeySetPath))).GetProperty("keys").EnumerateArray()
            .Where(k => k.GetProperty("auditBodySlug").GetString() == "verify-ltd").ToList();
        Assert.Equal([oldPem, newPem], set.Select(k => k.GetProperty("pem").GetString()));
        Assert.Equal([JsonValueKind.String, JsonValueKind.Null], set.Select(k => k.GetProperty("retiredAt").ValueKind));
        Assert.All(set, k => Assert.Equal(JsonValueKind.String, k.GetProperty("createdAt").ValueKind));

        // What the old key signed still verifies, on the page and by the check.
        Assert.Contains("In force", await anonymous.Http.GetStringAsync($"/verify/{before}"), StringComparison.Ordinal);
        var canonical = await (await anonymous.Http.GetAsync($"/verify/{before}/attestation.json")).Content.ReadAsStringAsync();
        var signature = Convert.ToBase64String(await (await anonymous.Http.GetAsync($"/verify/{before}/attestation.sig")).Content.ReadAsByteArrayAsync());
        var check = await AuditWorld.JsonAsync(await anonymous.Http.PostAsJsonAsync("/verify/check", new { attestation = canonical, signature }));
        Assert.True(check.GetProperty("signatureValid").GetBoolean() && check.GetProperty("knownHere").GetBoolean(), check.ToString());
        Assert.True(Verifies(oldPem, Encoding.UTF8.GetBytes(canonical), Convert.FromBase64String(signature)));

        // The next attestation is signed with the new key.
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var after = await _world.RunToClosedAsync(await _world.EngageAsync(admin), admin, auditor);
        var afterBytes = await (await anonymous.Http.GetAsync($"/verify/{after}/attestation.json")).Content.ReadAsByteArrayAsync();
        Assert.Equal(current.GetProperty("keyId").GetString(), AttestationDocument.ReadIdentity(afterBytes)!.Value.KeyId);
        Assert.True(Verifies(newPem, afterBytes, await (await anonymous.Http.GetAsync($"/verify/{after}/attestation.sig")).Content.ReadAsByteArrayAsync()));

        // The record of rotations: who (the account) and when, and no row of it can be changed.
        await using var db = await _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var stored = await db.AttestationKeyRotations.AsNoTracking().SingleAsync(r => r.AuditBodyId == _world.VerifyLtd.Id);
        Assert.Equal(_world.BodyAdmin.Id, stored.RotatedBy);
        var changed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE attestation_key_rotations SET rotated_by_name = 'someone else'"));
        Assert.Equal("CM002", changed.SqlState);
    }
}
