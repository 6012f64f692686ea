using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CityMaturity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Audits;

/// <summary>
/// An audit body's own certificate (a PKCS#12 file configured under Attestation:Certificates:&lt;slug&gt;, ADR 0050) signs
/// its attestation PDFs; a setting that names no usable certificate stops start-up, naming the body and the fault.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class AttestationCertificateTests(DatabaseFixture database) : IDisposable
{
    private const string Password = "attestation pfx passphrase (test)";
    private const string SignerName = "Verify Ltd attestation signing (test)";

    private readonly string _folder = Directory.CreateTempSubdirectory("attestation-certificate-").FullName;

    /// <summary>The certificate authority that issued the last body certificate made, as PEM (what a trust store is given).</summary>
    private string _authorityPem = "";

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// A test certificate authority issues the body's signing certificate (RSA, for digital signatures), written with its
    /// private key to a PKCS#12 file; <paramref name="notAfter"/> in the past makes an expired one.
    /// </summary>
    private string BodyCertificateFile(bool withPrivateKey = true, DateTimeOffset? notAfter = null)
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=CityMaturity Test CA, O=Test Registry", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authority = authorityRequest.CreateSelfSigned(now.AddDays(-30), now.AddYears(2));
        _authorityPem = authority.ExportCertificatePem();

        using var bodyKey = RSA.Create(2048);
        var request = new CertificateRequest($"CN={SignerName}, O=Verify Ltd", bodyKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var issued = request.Create(authority, now.AddDays(-20), notAfter ?? now.AddYears(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(bodyKey);
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, withPrivateKey ? withKey.Export(X509ContentType.Pkcs12, Password) : issued.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static Dictionary<string, string?> Settings(string path, string slug = "verify-ltd", string? password = Password) => new()
    {
        [$"Attestation:Certificates:{slug}:Path"] = path,
        [$"Attestation:Certificates:{slug}:Password"] = password,
    };

    [Fact]
    public async Task The_bodys_configured_certificate_signs_the_pdf_and_pdfsig_names_it_and_sees_a_changed_byte()
    {
        await using var world = await AuditWorld.CreateAsync(database.Server, Settings(BodyCertificateFile()));
        using var admin = await world.ClientAsync("org_admin");
        using var auditor = await world.ClientAsync("auditor");
        var code = await world.RunToClosedAsync(await world.EngageAsync(admin), admin, auditor);
        using var anonymous = TestClient.Create(world.Access.Factory);
        var response = await anonymous.Http.GetAsync($"/verify/{code}/attestation.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (var pdf = Poppler.For(bytes))
        {
            var report = pdf.Signatures();
            Assert.Contains($"Signer Certificate Common Name: {SignerName}", report, StringComparison.Ordinal);
            Assert.Contains("Signature is Valid", report, StringComparison.Ordinal);
            Assert.DoesNotContain("Certificate is Trusted", report, StringComparison.Ordinal);
            // Given the test authority as trusted, pdfsig follows the chain from the body's certificate to it.
            var trusted = pdf.SignaturesTrusting(_authorityPem);
            Assert.Contains("Signature is Valid", trusted, StringComparison.Ordinal);
            Assert.Contains("Certificate Validation: Certificate is Trusted", trusted, StringComparison.Ordinal);
            var text = string.Join(' ', pdf.Text().Split((char[])[' ', '\n', '\f'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("audit body's own certificate, issued by CityMaturity Test CA", text, StringComparison.Ordinal);
            // The statement inside is still the one the body's attestation key signed.
            var files = pdf.Attachments();
            using var key = ECDsa.Create();
            key.ImportFromPem(Encoding.ASCII.GetString(files["key.pem"]));
            Assert.True(key.VerifyData(files["attestation.json"], files["attestation.sig"], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        // One changed byte inside the signed range (the document's title in its info dictionary).
        var after = Poppler.SignaturesWithOneByteChanged(bytes, "City A");
        Assert.DoesNotContain("Signature is Valid", after, StringComparison.Ordinal);
        Assert.Matches("Signature Validation: (Digest Mismatch|Signature is Invalid)", after);
    }

    [Fact]
    public async Task A_certificate_that_expires_while_the_app_runs_signs_no_pdf_and_the_api_and_page_say_why()
    {
        // Valid for an hour from now: start-up accepts it; then the app's clock moves two hours on.
        var clock = new MovableClock();
        await using var world = await AuditWorld.CreateAsync(database.Server, Settings(BodyCertificateFile(notAfter: DateTimeOffset.UtcNow.AddHours(1))), clock);
        using var admin = await world.ClientAsync("org_admin");
        using var auditor = await world.ClientAsync("auditor");
        var code = await world.RunToClosedAsync(await world.EngageAsync(admin), admin, auditor);
        using var anonymous = TestClient.Create(world.Access.Factory);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync($"/verify/{code}/attestation.pdf")).StatusCode);

        clock.MoveOn(TimeSpan.FromHours(2));
        var refused = await anonymous.Http.GetAsync($"/verify/{code}/attestation.pdf");
        var problem = await AuditWorld.JsonAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("cannot be signed now", detail, StringComparison.Ordinal);
        Assert.Contains($"certificate ({SignerName}) expired on", detail, StringComparison.Ordinal);
        Assert.Contains("Attestation:Certificates:verify-ltd:Path", detail, StringComparison.Ordinal);

        // The public page says so instead of offering the PDF; the attestation itself still verifies.
        var page = await anonymous.Http.GetStringAsync($"/verify/{code}");
        Assert.Contains("data-testid=\"attestation-pdf-unavailable\"", page, StringComparison.Ordinal);
        Assert.Contains("expired on", page, StringComparison.Ordinal);
        Assert.DoesNotContain("attestation.pdf", page, StringComparison.Ordinal);
        Assert.Contains("In force", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_configured_for_an_address_that_names_no_audit_body_is_reported()
    {
        var settings = Settings(BodyCertificateFile());
        foreach (var (key, value) in Settings(BodyCertificateFile(), slug: "no-such-body"))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in Settings(BodyCertificateFile(), slug: "city-a"))
        {
            settings[key] = value;
        }

        await using var world = await AuditWorld.CreateAsync(database.Server, settings);
        var problems = await world.World.WithAsync(sp => sp.GetRequiredService<AttestationService>().CertificatesNamingNoAuditBodyAsync());
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Attestation:Certificates:city-a names the organisation 'city-a', which is not an audit body", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Attestation:Certificates:no-such-body names no audit body: no organisation here has the address 'no-such-body'", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_setting_that_names_no_usable_certificate_stops_start_up_naming_the_body_and_the_fault()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        (Dictionary<string, string?> Settings, string Expected)[] cases =
        [
            (Settings(Path.Combine(_folder, "missing.pfx")), "which does not exist"),
            (Settings(BodyCertificateFile(), password: "wrong"), "could not be read as a PKCS#12 (.pfx) file with the password given"),
            (Settings(BodyCertificateFile(withPrivateKey: false)), "has no private key in the file"),
            (Settings(BodyCertificateFile(notAfter: DateTimeOffset.UtcNow.AddDays(-1))), "expired on"),
            (new() { ["Attestation:Certificates:verify-ltd:Password"] = Password }, "is not set"),
        ];
        foreach (var (settings, expected) in cases)
        {
            await using var factory = new CityMaturityFactory(connectionString, settings);
            var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
            Assert.Contains("audit body 'verify-ltd'", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }
}
