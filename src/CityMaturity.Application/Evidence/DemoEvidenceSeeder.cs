using System.Globalization;
using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Evidence;

/// <summary>
/// Demo evidence for Demoville: a few links, indicator references and one small PDF (written here, so no binary file
/// sits in the repository) on both demo assessments, added by the demo facilitator through the real service (every
/// check and the audit apply) and marked as demo. Runs only while the demo assessments have no evidence at all, so
/// anything a person added or removed stays as they left it.
/// </summary>
public sealed class DemoEvidenceSeeder(IDbContextFactory<CityMaturityDb> dbFactory, EvidenceService evidence)
{
    public const string DemoDocumentName = "Demoville smart city strategy 2030 - summary (DEMO).pdf";

    /// <summary>Characteristic, link: addresses under .example, which never resolve to anyone's site.</summary>
    private static readonly (string Code, string Url)[] BaselineLinks =
    [
        ("1.1.1", "https://www.demoville.example/strategy/smart-city-2030"),
        ("2.1.2", "https://services.demoville.example/online-services-catalogue"),
        ("3.1.3", "https://opendata.demoville.example/datasets"),
    ];

    /// <summary>Characteristic, indicator, year: each indicator is linked to its characteristic and has a published demo value.</summary>
    private static readonly (string Code, string Indicator, int Year)[] BaselineIndicators =
    [
        ("2.1.2", "L1.1.1", 2024),
        ("2.3.1", "L4.1.2", 2024),
    ];

    public async Task SeedAsync(Guid organisationId, Guid? facilitatorId)
    {
        if (facilitatorId is not { } userId)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId
                && (a.Name == Assessments.DemoAssessmentSeeder.ClosedAssessmentName || a.Name == Assessments.DemoAssessmentSeeder.OpenAssessmentName))
            .ToListAsync();
        var ids = assessments.Select(a => a.Id).ToList();
        if (assessments.Count == 0 || await db.EvidenceItems.AnyAsync(e => ids.Contains(e.AssessmentId)))
        {
            return;
        }

        var actor = EvidenceActor.Manager(userId);
        foreach (var assessment in assessments)
        {
            var baseline = assessment.Name == Assessments.DemoAssessmentSeeder.ClosedAssessmentName;
            await DocumentAsync(assessment, "1.1.1", actor);
            foreach (var (code, url) in baseline ? BaselineLinks : BaselineLinks[..1])
            {
                Expect(await evidence.AddLinkAsync(new EvidenceTarget(assessment, code), url, actor, isDemo: true));
            }

            foreach (var (code, indicator, year) in baseline ? BaselineIndicators : BaselineIndicators[..1])
            {
                Expect(await evidence.AddIndicatorAsync(new EvidenceTarget(assessment, code), indicator, year, actor, isDemo: true));
            }
        }
    }

    private async Task DocumentAsync(Assessment assessment, string code, EvidenceActor actor)
    {
        var pdf = DemoPdf.Create(
            "Demoville smart city strategy 2030 - summary",
            [
                "DEMO DATA - an invented document for the Demoville demonstration city.",
                "Vision: every public service online end to end by 2030.",
                "Open data by default; a city data platform shared with the region.",
                "Yearly progress report against ISO/IEC 30146 indicators.",
            ]);
        using var body = new MemoryStream(pdf);
        Expect(await evidence.AddDocumentAsync(new EvidenceTarget(assessment, code), body, pdf.Length, DemoDocumentName, actor, CancellationToken.None, isDemo: true));
    }

    /// <summary>Demo data that the rules refuse is a defect in this file: fail the start-up loudly rather than seed half.</summary>
    private static void Expect(EvidenceOutcome outcome)
    {
        if (outcome is EvidenceOutcome.Refused refused)
        {
            throw new InvalidOperationException($"The demo evidence is refused: {refused.Message}");
        }
    }
}

/// <summary>
/// A one-page PDF 1.4 with lines of text in the standard Helvetica font (no font embedded, ASCII only), byte for byte
/// the same on every run. Small enough to write by hand; PDFsharp would need the report fonts for one demo page.
/// </summary>
public static class DemoPdf
{
    public static byte[] Create(string title, IReadOnlyList<string> lines)
    {
        var text = new StringBuilder("BT /F1 16 Tf 72 770 Td (").Append(Escape(title)).Append(") Tj /F1 11 Tf");
        foreach (var line in lines)
        {
            text.Append(" 0 -22 Td (").Append(Escape(line)).Append(") Tj");
        }

        text.Append(" ET");
        var stream = text.ToString();
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string line)
    {
        if (line.Any(c => c > 126 || c < 32))
        {
            throw new ArgumentException("The demo PDF writes printable ASCII only.", nameof(line));
        }

        return line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
    }
}
