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

    /// <summary>
    /// Why the body's configured certificate cannot sign at <paramref name="now"/> — it expired (or is not yet valid)
    /// since start-up checked it — as a sentence for whoever asked for the PDF; null when it can, or the body has none.
    /// </summary>
    public string? WhyCannotSign(string? auditBodySlug, DateTimeOffset now) =>
        For(auditBodySlug) is { } certificate && OutsideValidity(certificate, now) is { } fault
            ? $"The attestation PDF cannot be signed now: the audit body's certificate ({certificate.GetNameInfo(X509NameType.SimpleName, false)}) {fault}. " +
              $"The operator must renew it (setting Attestation:Certificates:{auditBodySlug}:Path). The attestation itself still checks with its JSON, signature and key."
            : null;

    /// <summary>What is wrong with the certificate's validity period at <paramref name="now"/>; null within it.</summary>
    public static string? OutsideValidity(X509Certificate2 certificate, DateTimeOffset now) =>
        now < certificate.NotBefore ? $"is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC"
        : now > certificate.NotAfter ? $"expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC"
        : null;
}
