using System.Security.Cryptography.X509Certificates;
using CityMaturity.Application.Audits;

namespace CityMaturity.Web.Hosting;

/// <summary>
/// Reads each audit body's PDF-signing certificate from <c>Attestation:Certificates:&lt;body-slug&gt;:Path</c> (a PKCS#12
/// file with its private key) and <c>:Password</c> (ADR 0050). A setting that names no usable certificate — a missing
/// file, a wrong password, no private key, a certificate not meant for signatures or outside its validity — stops
/// start-up with a message naming the audit body and the fault.
/// </summary>
internal static class AttestationCertificateStartup
{
    public const string Section = "Attestation:Certificates";

    public static AttestationCertificates Load(IConfiguration configuration, TimeProvider clock)
    {
        var certificates = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        foreach (var body in configuration.GetSection(Section).GetChildren())
        {
            var setting = $"{Section}:{body.Key}:Path (the certificate that signs audit body '{body.Key}''s attestation PDFs)";
            if (body["Path"] is not { Length: > 0 } path)
            {
                throw new InvalidOperationException($"{setting} is not set: give the path of the body's PKCS#12 (.pfx) file, or remove the body's entry.");
            }

            var certificate = Pkcs12File.Load(setting, path, body["Password"]);
            if (WhyNotUsable(certificate, clock.GetUtcNow()) is { } fault)
            {
                var message = $"{setting} names '{path}', whose certificate ({certificate.Subject}) {fault}.";
                certificate.Dispose();
                throw new InvalidOperationException(message);
            }

            certificates[body.Key] = certificate;
        }

        return new AttestationCertificates(certificates);
    }

    private static string? WhyNotUsable(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (!certificate.HasPrivateKey)
        {
            return "has no private key in the file, so it cannot sign";
        }

        if (certificate.Extensions.OfType<X509KeyUsageExtension>().SingleOrDefault() is { } usage
            && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            return $"may not make digital signatures (its key usage is {usage.KeyUsages})";
        }

        return AttestationCertificates.OutsideValidity(certificate, now);
    }
}
