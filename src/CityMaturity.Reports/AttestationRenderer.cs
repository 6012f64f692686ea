using System.Security.Cryptography.X509Certificates;
using CityMaturity.Domain.Audits;
using CityMaturity.Reports.Layout;
using CityMaturity.Reports.Rendering;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace CityMaturity.Reports;

/// <summary>
/// Renders an <see cref="AttestationSheet"/> as an A4 PDF: the statement, how to check it, the audited levels and the
/// signed text. The signed JSON, its signature and the public key are attached as files, and, given a certificate with
/// its private key, the PDF itself is signed (a detached PKCS#7 signature with SHA-256 that poppler's pdfsig checks).
/// </summary>
public static class AttestationRenderer
{
    public static byte[] Render(AttestationSheet sheet, X509Certificate2? signingCertificate)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        PdfSharpSetup.EnsureInitialised();
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans");
        PdfSharpSetup.Fonts.EnsureAvailable("DejaVuSans-Bold");
        using var engine = new TextEngine();
        var layout = AttestationLayout.Build(sheet, engine);
        using var stream = new MemoryStream();
        PdfPainter.Paint(layout, engine, stream, document => Finish(document, sheet, signingCertificate));
        return stream.ToArray();
    }

    private static void Finish(PdfDocument document, AttestationSheet sheet, X509Certificate2? certificate)
    {
        document.AddEmbeddedFile(AttestationSheet.JsonFileName, new MemoryStream(sheet.Canonical));
        document.AddEmbeddedFile(AttestationSheet.SignatureFileName, new MemoryStream(sheet.Signature));
        document.AddEmbeddedFile(AttestationSheet.KeyFileName, new MemoryStream(System.Text.Encoding.ASCII.GetBytes(sheet.KeyPem)));
        if (certificate is null)
        {
            return;
        }

        DigitalSignatureHandler.ForDocument(document, new PdfSharpDefaultSigner(certificate, PdfMessageDigestType.SHA256, null), new DigitalSignatureOptions
        {
            Reason = $"Attestation {sheet.Statement.Code} by {sheet.Statement.AuditBody}",
            Location = sheet.VerifyUrl,
            ContactInfo = sheet.VerifyUrl,
            AppName = "CityMaturity",
            PageIndex = 0,
        });
    }
}
