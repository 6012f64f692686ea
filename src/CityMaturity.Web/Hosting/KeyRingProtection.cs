using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace CityMaturity.Web.Hosting;

/// <summary>
/// Encrypts the data-protection key ring at rest. The keys sign the sign-in cookies, antiforgery tokens and workshop
/// state and live in PostgreSQL (<c>data_protection_keys</c>), so without this anyone who can read that table can forge
/// a sign-in. With <c>DataProtection:CertificatePath</c> (a PKCS#12 file with its private key) and, if the file has one,
/// <c>DataProtection:CertificatePassword</c>, every new key is stored encrypted to the certificate; every instance needs
/// the same certificate to read them.
/// </summary>
public static class KeyRingProtection
{
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";

    /// <summary>Adds the certificate when configured; a setting that names no usable certificate stops start-up, naming the fault.</summary>
    public static void Configure(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        if (configuration[CertificatePathSetting] is not { Length: > 0 } path)
        {
            return;
        }

        var certificate = Load(path, configuration[CertificatePasswordSetting]);
        dataProtection.ProtectKeysWithCertificate(certificate);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathSetting} names '{path}', which does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{CertificatePathSetting} names '{path}', which could not be read as a PKCS#12 (.pfx) file with that password ({CertificatePasswordSetting}): {e.Message}", e);
        }

        using var privateKey = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        if (privateKey is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"The certificate in '{path}' ({CertificatePathSetting}) has no RSA private key: keys encrypted to it could never be read again.");
        }

        return certificate;
    }
}
