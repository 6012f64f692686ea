using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityMaturity.Web.Hosting;

/// <summary>Reads a configured PKCS#12 (.pfx) file; a file that is missing or does not open stops start-up, naming the setting.</summary>
internal static class Pkcs12File
{
    /// <param name="setting">The setting that named the file (and what it is for), for the message when it is not usable.</param>
    public static X509Certificate2 Load(string setting, string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting} names '{path}', which does not exist.");
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{setting} names '{path}', which could not be read as a PKCS#12 (.pfx) file with the password given: {e.Message}", e);
        }
    }
}
