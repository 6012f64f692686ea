using System.Security.Cryptography.X509Certificates;

namespace CityMaturity.Application.Audits;

/// <summary>
/// The certificates (with their private keys) that sign audit bodies' attestation PDFs, by the body's address: each one
/// a PKCS#12 file the operator configured for that body, typically issued by a certificate authority (ADR 0050). A body
/// without one gets a PDF signed under a certificate the app makes from its attestation key (ADR 0040).
/// </summary>
public sealed class AttestationCertificates(IReadOnlyDictionary<string, X509Certificate2> bySlug)
{
    public static readonly AttestationCertificates None = new(new Dictionary<string, X509Certificate2>());

    /// <summary>The configured certificate of the audit body with that address; null when it has none.</summary>
    public X509Certificate2? For(string? auditBodySlug) =>
        auditBodySlug is not null && bySlug.TryGetValue(auditBodySlug, out var certificate) ? certificate : null;

    /// <summary>The addresses of the bodies with a configured certificate.</summary>
    public IReadOnlyCollection<string> Bodies => [.. bySlug.Keys];
}
