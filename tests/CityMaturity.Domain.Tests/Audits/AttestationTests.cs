using System.Security.Cryptography;
using System.Text;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Audits;

public class AttestationTests
{
    private static AttestationDocument Document(string keyId) => new(
        "abcdefghijklmnopqrstuv", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), "Demo Verification Ltd", "Demoville", "Démoville", "Baseline 2026",
        Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), 1, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), [2024, 2025],
        AuditOpinion.VerifiedWithReservations, "Sampling covered 8 of 32 characteristics.",
        [
            new AttestedCharacteristic("1.1.1", "1", MaturityLevel.Fulfilled, FindingKind.Conforms),
            new AttestedCharacteristic("1.1.2", "1", MaturityLevel.Improving, FindingKind.MinorGap),
            new AttestedCharacteristic("1.2.1", "1", null, FindingKind.NotEvidenced),
            new AttestedCharacteristic("2.1.1", "2", MaturityLevel.Initial, FindingKind.MajorGap),
        ],
        new string('a', 64), 12, keyId);

    [Fact]
    public void Dimensions_are_the_mean_of_their_verified_levels_each_characteristic_weighing_the_same()
    {
        var dimensions = Document("k").Dimensions;
        Assert.Equal([new AttestedDimension("1", 3.5m, 2, 3), new AttestedDimension("2", 1m, 1, 1)], dimensions);
    }

    [Fact]
    public void The_canonical_form_is_stable_and_ascii()
    {
        var bytes = Document("k").CanonicalBytes();
        Assert.Equal(bytes, Document("k").CanonicalBytes());
        Assert.All(bytes, b => Assert.True(b < 0x80));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("""{"format":"citymaturity-attestation/1","code":"abcdefghijklmnopqrstuv","issuedAt":"2026-12-01T12:00:00.000Z","auditBody":"Demo Verification Ltd",""", text, StringComparison.Ordinal);
        Assert.Contains("""{"code":"1.2.1","dimension":"1","verifiedLevel":"cannot-be-verified","finding":"not_evidenced"}""", text, StringComparison.Ordinal);
        Assert.Contains("""{"code":"1","meanVerifiedLevel":"3.50","verified":2,"total":3}""", text, StringComparison.Ordinal);
        Assert.Equal(("abcdefghijklmnopqrstuv", "k"), AttestationDocument.ReadIdentity(bytes));
    }

    [Fact]
    public void A_signature_verifies_and_any_one_byte_change_fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = key.ExportSubjectPublicKeyInfo();
        var canonical = Document(AttestationSignature.KeyId(spki)).CanonicalBytes();
        var signature = AttestationSignature.Sign(key, canonical);

        Assert.True(AttestationSignature.Verify(spki, canonical, signature));
        for (var i = 0; i < canonical.Length; i += 7)
        {
            var changed = (byte[])canonical.Clone();
            changed[i] ^= 0x01;
            Assert.False(AttestationSignature.Verify(spki, changed, signature));
        }

        var badSignature = (byte[])signature.Clone();
        badSignature[^1] ^= 0x01;
        Assert.False(AttestationSignature.Verify(spki, canonical, badSignature));
    }

    [Fact]
    public void Another_key_or_garbage_never_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var canonical = Document("k").CanonicalBytes();
        var signature = AttestationSignature.Sign(key, canonical);
        Assert.False(AttestationSignature.Verify(other.ExportSubjectPublicKeyInfo(), canonical, signature));
        Assert.False(AttestationSignature.Verify([1, 2, 3], canonical, signature));
        Assert.False(AttestationSignature.Verify(key.ExportSubjectPublicKeyInfo(), canonical, [0x30, 0x00]));
    }

    [Fact]
    public void Codes_are_long_random_and_url_safe()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => AttestationSignature.NewCode()).ToList();
        Assert.Equal(200, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.True(AttestationSignature.LooksLikeCode(c), c));
        Assert.False(AttestationSignature.LooksLikeCode("../../etc/passwd/aaaaa"));
        Assert.False(AttestationSignature.LooksLikeCode("short"));
        Assert.Null(AttestationDocument.ReadIdentity([.. "not json"u8]));
    }

    [Fact]
    public void A_key_id_is_the_start_of_the_public_key_s_sha_256()
    {
        byte[] spki = [.. "example"u8];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(spki))[..16], AttestationSignature.KeyId(spki));
    }
}
