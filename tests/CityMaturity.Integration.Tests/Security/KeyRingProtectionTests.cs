using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>The data-protection key ring encrypted at rest with a certificate (DataProtection:CertificatePath).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class KeyRingProtectionTests(DatabaseFixture database) : IDisposable
{
    private const string CertificatePassword = "pfx passphrase for the test";

    private readonly string _folder = Directory.CreateTempSubdirectory("key-ring-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A self-signed RSA certificate in a PKCS#12 file, with or without its private key.</summary>
    private string CertificateFile(bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CityMaturity key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, (withPrivateKey ? certificate : publicOnly).Export(X509ContentType.Pkcs12, CertificatePassword));
        return path;
    }

    private static Dictionary<string, string?> Settings(string certificatePath) => new()
    {
        [KeyRingProtection.CertificatePathSetting] = certificatePath,
        [KeyRingProtection.CertificatePasswordSetting] = CertificatePassword,
    };

    private static async Task<HttpStatusCode> WithCookieAsync(CityMaturityFactory factory, string cookie)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/tokens");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_stored_encrypted_and_only_instances_holding_it_accept_a_sign_in()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        var settings = Settings(CertificateFile());
        string cookie;
        await using (var first = new CityMaturityFactory(connectionString, settings))
        {
            await TestAccounts.CreateUserAsync(first.Services, "leader@example.org");
            using var client = TestClient.Create(first);
            cookie = await client.SignInCookieHeaderAsync("leader@example.org", TestAccounts.Password);

            await using var db = await first.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }

        // Another instance with the certificate reads the keys; one without it cannot, so the cookie is worthless there.
        await using (var withCertificate = new CityMaturityFactory(connectionString, settings))
        {
            Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(withCertificate, cookie));
        }

        await using var withoutCertificate = new CityMaturityFactory(connectionString);
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(withoutCertificate, cookie));
    }

    [Fact]
    public async Task Moving_to_a_new_certificate_keeps_sign_ins_made_under_the_old_one_while_it_is_listed_as_previous()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        var (oldCertificate, newCertificate) = (CertificateFile(), CertificateFile());
        string cookie;
        await using (var before = new CityMaturityFactory(connectionString, Settings(oldCertificate)))
        {
            await TestAccounts.CreateUserAsync(before.Services, "leader@example.org");
            using var client = TestClient.Create(before);
            cookie = await client.SignInCookieHeaderAsync("leader@example.org", TestAccounts.Password);
        }

        var rotated = new Dictionary<string, string?>(Settings(newCertificate))
        {
            [$"{KeyRingProtection.PreviousCertificatesSection}:0:Path"] = oldCertificate,
            [$"{KeyRingProtection.PreviousCertificatesSection}:0:Password"] = CertificatePassword,
        };
        await using (var after = new CityMaturityFactory(connectionString, rotated))
        {
            Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(after, cookie));
        }

        await using var oldOneForgotten = new CityMaturityFactory(connectionString, Settings(newCertificate));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(oldOneForgotten, cookie));
    }

    [Fact]
    public async Task A_certificate_setting_that_names_no_usable_certificate_stops_start_up_and_says_why()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        (Dictionary<string, string?> Settings, string Expected)[] cases =
        [
            (Settings(Path.Combine(_folder, "missing.pfx")), "which does not exist"),
            (Settings(CertificateFile(withPrivateKey: false)), "has no RSA private key"),
            (new(Settings(CertificateFile())) { [KeyRingProtection.CertificatePasswordSetting] = "wrong" }, "could not be read as a PKCS#12"),
            (new(Settings(CertificateFile())) { [$"{KeyRingProtection.PreviousCertificatesSection}:0:Path"] = Path.Combine(_folder, "old.pfx") },
                $"{KeyRingProtection.PreviousCertificatesSection}:0:Path names"),
        ];
        foreach (var (settings, expected) in cases)
        {
            await using var factory = new CityMaturityFactory(connectionString, settings);
            var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
            Assert.Contains("DataProtection:", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }
}
