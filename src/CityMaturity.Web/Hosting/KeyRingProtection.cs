using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace CityMaturity.Web.Hosting;

/// <summary>
/// Encrypts the data-protection key ring at rest. The keys protect the sign-in cookies and antiforgery tokens and live
/// in PostgreSQL (<c>data_protection_keys</c>), so without this anyone who can read that table can forge a sign-in. With <c>DataProtection:CertificatePath</c> (a PKCS#12 file with its private key) and, if the file has one,
/// <c>DataProtection:CertificatePassword</c>, every new key is stored encrypted to the certificate; every instance needs
/// the same certificate to read them. To move to a new certificate, list the old one under
/// <c>DataProtection:PreviousCertificates:0:Path</c> (and <c>:Password</c>): keys encrypted to it stay readable until
/// they expire, and new keys use the new one.
/// </summary>
public static class KeyRingProtection
{
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";
    public const string PreviousCertificatesSection = "DataProtection:PreviousCertificates";

    /// <summary>Adds the certificate when configured; a setting that names no usable certificate stops start-up, naming the fault.</summary>
    public static void Configure(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        if (configuration[CertificatePathSetting] is not { Length: > 0 } path)
        {
            return;
        }

        var certificate = Load(CertificatePathSetting, path, configuration[CertificatePasswordSetting]);
        dataProtection.ProtectKeysWithCertificate(certificate);
        // ProtectKeysWithCertificate also reads with the current certificate; earlier ones are added for reading only.
        X509Certificate2[] previous = [.. configuration.GetSection(PreviousCertificatesSection).GetChildren()
            .Select(entry => Load($"{PreviousCertificatesSection}:{entry.Key}:Path", entry["Path"] ?? string.Empty, entry["Password"]))];
        if (previous.Length > 0)
        {
            dataProtection.UnprotectKeysWithAnyCertificate(previous);
        }
    }

    /// <param name="setting">The setting that named the file, for the message when it is not usable.</param>
    private static X509Certificate2 Load(string setting, string path, string? password)
    {
        var certificate = Pkcs12File.Load(setting, path, password);
        using var privateKey = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        if (privateKey is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"The certificate in '{path}' ({setting}) has no RSA private key: keys encrypted to it could never be read again.");
        }

        return certificate;
    }
}
