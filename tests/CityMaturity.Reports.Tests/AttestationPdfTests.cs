using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Reports.Tests;

/// <summary>The attestation PDF (issue 17): its text, the files it carries, and its own signature, read with poppler.</summary>
public sealed class AttestationPdfTests : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private (AttestationSheet Sheet, X509Certificate2 Certificate) Sample(DateTimeOffset? withdrawnAt = null)
    {
        var spki = _key.ExportSubjectPublicKeyInfo();
        var keyId = AttestationSignature.KeyId(spki);
        var document = new AttestationDocument(
            "abcdefghijklmnopqrstuv", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), "Demo Verification Ltd", "Demoville", "Demoville", "Baseline 2022",
            Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), 1, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), [2022],
            AuditOpinion.VerifiedWithReservations, "Between two levels only the lower one was evidenced.",
            [
                new AttestedCharacteristic("1.1.1", "1", MaturityLevel.Fulfilled, FindingKind.Conforms),
                new AttestedCharacteristic("1.2.1", "1", null, FindingKind.NotEvidenced),
                new AttestedCharacteristic("2.1.1", "2", MaturityLevel.Initial, FindingKind.MinorGap),
            ],
            new string('a', 64), 12, keyId);
        var canonical = document.CanonicalBytes();
        var signature = AttestationSignature.Sign(_key, canonical);
        var sheet = new AttestationSheet(AttestationStatement.Read(canonical)!, canonical, signature, PemEncoding.WriteString("PUBLIC KEY", spki) + "\n",
            "Demo Verification Ltd", new Dictionary<string, string> { ["1"] = "Strategy", ["1.1.1"] = "Vision and strategy" },
            "https://maturity.example/verify/abcdefghijklmnopqrstuv", $"https://maturity.example/verify/keys/{keyId}.pem",
            new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), withdrawnAt, withdrawnAt is null ? null : "Figures were restated");
        var request = new CertificateRequest("O=Demo Verification Ltd, CN=Demo Verification Ltd attestation key", _key, HashAlgorithmName.SHA256);
        return (sheet, request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)));
    }

    [Fact]
    public void The_pdf_states_the_attestation_its_code_and_address_and_how_to_check_it()
    {
        var (sheet, certificate) = Sample();
        using var pdf = Poppler.For(AttestationRenderer.Render(sheet, certificate));
        var text = string.Join(' ', pdf.Text().Split((char[])[' ', '\n', '\f'], StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("Demoville: Baseline 2022", text, StringComparison.Ordinal);
        Assert.Contains("Audit body Demo Verification Ltd", text, StringComparison.Ordinal);
        Assert.Contains("Opinion Verified with reservations", text, StringComparison.Ordinal);
        Assert.Contains("Verification code abcdefghijklmnopqrstuv", text, StringComparison.Ordinal);
        Assert.Contains("https://maturity.example/verify/abcdefghijklmnopqrstuv", text, StringComparison.Ordinal);
        Assert.Contains("openssl dgst -sha256 -verify key.pem -signature attestation.sig attestation.json", text, StringComparison.Ordinal);
        // Table rows, read in the page's physical layout: a row is one line.
        var rows = pdf.Text(layout: true).Split('\n').Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("1.1.1 Vision and strategy 3 conforms", rows);
        Assert.Contains("1.2.1 cannot be verified not evidenced", rows);
        Assert.Contains("1 Strategy 3.00 1 of 2", rows);
        Assert.Contains("2.1.1 1 minor gap", rows);
        Assert.Contains(sheet.SignatureBase64, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("WITHDRAWN", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signed_json_its_signature_and_the_key_are_attached_and_verify_as_they_are()
    {
        var (sheet, certificate) = Sample();
        using var pdf = Poppler.For(AttestationRenderer.Render(sheet, certificate));
        var files = pdf.Attachments();

        Assert.Equal(sheet.Canonical, files[AttestationSheet.JsonFileName]);
        Assert.Equal(sheet.Signature, files[AttestationSheet.SignatureFileName]);
        using var published = ECDsa.Create();
        published.ImportFromPem(Encoding.ASCII.GetString(files[AttestationSheet.KeyFileName]));
        Assert.True(published.VerifyData(files[AttestationSheet.JsonFileName], files[AttestationSheet.SignatureFileName], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void The_pdf_is_signed_and_pdfsig_sees_the_signature_break_when_a_byte_changes()
    {
        var (sheet, certificate) = Sample();
        var bytes = AttestationRenderer.Render(sheet, certificate);
        using (var pdf = Poppler.For(bytes))
        {
            var report = pdf.Signatures();
            Assert.Contains("Signature is Valid", report, StringComparison.Ordinal);
            Assert.Contains("Demo Verification Ltd", report, StringComparison.Ordinal);
        }

        // One changed byte inside the signed range (the document's title in its info dictionary).
        var after = Poppler.SignaturesWithOneByteChanged(bytes, "Demoville");
        Assert.DoesNotContain("Signature is Valid", after, StringComparison.Ordinal);
        Assert.Matches("Signature Validation: (Digest Mismatch|Signature is Invalid)", after);
    }

    [Fact]
    public void Without_a_certificate_the_pdf_is_unsigned_and_a_withdrawn_attestation_says_so()
    {
        var (sheet, _) = Sample(withdrawnAt: new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        using var pdf = Poppler.For(AttestationRenderer.Render(sheet, null));

        Assert.DoesNotContain("Signature is Valid", pdf.Signatures(), StringComparison.Ordinal);
        Assert.Contains("WITHDRAWN on 2026-12-03. Reason: Figures were restated.", pdf.Text().ReplaceLineEndings(" "), StringComparison.Ordinal);
    }
}
