using System.Globalization;
using System.Text;
using CityMaturity.Domain.Audits;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// Lays out an <see cref="AttestationSheet"/>: what was attested (read back from the signed bytes), how to check it
/// online and offline, the audited levels per dimension and characteristic, and — in the last chapter — the signed
/// statement, its signature and the public key as text, so a printed copy can be checked too.
/// </summary>
internal sealed class AttestationLayout
{
    private readonly AttestationSheet _sheet;
    private readonly AttestationStatement _statement;
    private readonly PageFlow _flow;

    private AttestationLayout(AttestationSheet sheet, TextEngine engine)
    {
        _sheet = sheet;
        _statement = sheet.Statement;
        _flow = new PageFlow(engine, new LayoutDocument(new XSize(Theme.PageWidth, Theme.PageHeight), Theme.Body, Theme.Printable));
    }

    public static LayoutDocument Build(AttestationSheet sheet, TextEngine engine) => new AttestationLayout(sheet, engine).Build();

    private LayoutDocument Build()
    {
        var document = _flow.Document;
        document.Title = $"Attestation {_statement.Code}: {_statement.City} – {_statement.Assessment}";
        document.Author = _statement.AuditBody;
        document.Subject = $"External audit of {_statement.Assessment} ({_statement.Community}) by {_statement.AuditBody}";
        document.CreatedAt = _sheet.PrintedAt;
        document.Language = "en";

        Section(Statement);
        Section(HowToCheck);
        Section(Levels);
        Section(SignedText);
        Feet();
        return document;
    }

    private void Section(Action part)
    {
        using var scope = _flow.Tagged(StructureRole.Section);
        part();
    }

    private void Heading(string title, TextStyle style, StructureRole role)
    {
        _flow.KeepTogether(60);
        using var heading = _flow.Tagged(role);
        _flow.Paragraph(new Paragraph(title, style) { SpaceBefore = role == StructureRole.Heading2 ? 10 : 0, SpaceAfter = 6 });
    }

    private void Text(string text, TextStyle? style = null, string? bullet = null)
    {
        using var tag = _flow.Tagged(StructureRole.Paragraph);
        _flow.Paragraph(new Paragraph(text, style ?? Theme.BodyText) { Bullet = bullet, SpaceAfter = 4 });
    }

    private void Statement()
    {
        _flow.CurrentSection = "Attestation";
        _flow.NewPage();
        _flow.Paragraph(new Paragraph("Attestation of an external audit · CityMaturity", Theme.Small) { SpaceAfter = 4 });
        Heading($"{_statement.City}: {_statement.Assessment}", Theme.H1, StructureRole.Heading1);
        if (_sheet.WithdrawnAt is { } withdrawn)
        {
            Text($"WITHDRAWN on {Date(withdrawn)}. {(_sheet.WithdrawnReason is { } reason ? $"Reason: {reason}. " : "")}It no longer attests anything.",
                Theme.H3.WithColor(Theme.TargetColor));
        }

        var facts = new List<(string Label, string Value)>
        {
            ("Audit body", _statement.AuditBody),
            ("City", $"{_statement.City} ({_statement.Community})"),
            ("Assessment", $"{_statement.Assessment}, submission {_statement.SubmissionVersion}"),
            ("Engagement", $"{_statement.EngagedFrom} to {_statement.EngagedUntil}"),
            ("Indicator years in scope", _statement.IndicatorYears.Count == 0 ? "none" : string.Join(", ", _statement.IndicatorYears)),
            ("Opinion", OpinionText(_statement.Opinion)),
        };
        if (_statement.Reservations is { } reservations)
        {
            facts.Add(("Reservations", reservations));
        }

        facts.AddRange(
        [
            ("Issued", _statement.IssuedAt),
            ("Verification code", _statement.Code),
            ("Check it at", _sheet.VerifyUrl),
            ("Signed with key", _sheet.KeyOwner is { } owner ? $"{_statement.KeyId} ({owner})" : $"{_statement.KeyId} (this installation's key)"),
            ("Audit record", $"{_statement.RecordEntries} entries; last hash {_statement.RecordHash}"),
        ]);
        TableLayout.Place(_flow, new Table(
            [new TableColumn(130), new TableColumn(0, 1)],
            [.. facts.Select(f => new TableRow(
                new TableCell(0, new Paragraph(f.Label, Theme.BodyMuted)),
                new TableCell(1, new Paragraph(f.Value, Theme.BodyText))) { RuleBelow = Theme.Rule })])
        { PaddingX = 0, PaddingY = 4 });
    }

    private void HowToCheck()
    {
        Heading("How to check this attestation", Theme.H2, StructureRole.Heading2);
        Text("A PDF can be altered. What the audit body signed is a short JSON statement; it and its signature are attached to this PDF and printed at its end. Check them, not this page:");
        Text($"Online, without an account: open {_sheet.VerifyUrl} (or type the code {_statement.Code} at the site's /verify page). It shows exactly what was signed and whether the attestation is still in force or was withdrawn.", bullet: "1.");
        Text($"Offline: save the files attached to this PDF ({AttestationSheet.JsonFileName}, {AttestationSheet.SignatureFileName}, {AttestationSheet.KeyFileName}; for example with pdfdetach -saveall) and run: openssl dgst -sha256 -verify {AttestationSheet.KeyFileName} -signature {AttestationSheet.SignatureFileName} {AttestationSheet.JsonFileName}. It prints \"Verified OK\" only when not one byte of the statement was changed.", bullet: "2.");
        Text($"Make sure the key is the audit body's: compare {AttestationSheet.KeyFileName} with the key the site publishes at {_sheet.KeyUrl}, ideally fetched at another time or from another network.", bullet: "3.");
        Text(_sheet.CertificateIssuer is { } issuer
            ? $"This PDF is also signed under the audit body's own certificate, issued by {issuer}: a PDF reader shows whether the PDF changed since it was printed and whom that issuer vouches signed it. The checks above remain what counts for the statement."
            : "This PDF is also signed, with the same key, under a certificate the audit body issued to itself: a PDF reader shows whether the PDF changed since it was printed, but no certificate authority vouches for the name in it.", Theme.BodyMuted);
    }

    private void Levels()
    {
        Heading("Audited levels by dimension", Theme.H2, StructureRole.Heading2);
        Grids.Place(_flow, [("Dimension", 0, 1), ("Mean verified level", 90, 0), ("Characteristics verified", 110, 0)],
            _statement.Dimensions.Select(d => new[] { _sheet.Title(d.Code), d.Mean ?? "none verified", $"{d.Verified} of {d.Total}" }));
        Heading("Audited levels by characteristic", Theme.H2, StructureRole.Heading2);
        Grids.Place(_flow, [("Characteristic", 0, 1), ("Verified level now", 90, 0), ("Finding", 90, 0)],
            _statement.Characteristics.Select(c => new[] { _sheet.Title(c.Code), LevelText(c.VerifiedLevel), FindingText(c.Finding) }));
    }

    private void SignedText()
    {
        _flow.CurrentSection = "What was signed";
        _flow.NewPage();
        Heading("What was signed", Theme.H2, StructureRole.Heading2);
        Text($"The statement ({AttestationSheet.JsonFileName}, {_sheet.Canonical.Length} bytes of UTF-8, no line breaks; lines below are broken only to fit the page):", Theme.BodyMuted);
        Text(Encoding.UTF8.GetString(_sheet.Canonical), Theme.Small);
        Text($"The signature ({AttestationSheet.SignatureFileName}, ECDSA P-256 with SHA-256, DER, here as base64):", Theme.BodyMuted);
        Text(_sheet.SignatureBase64, Theme.Small);
        Text($"The public key ({AttestationSheet.KeyFileName}):", Theme.BodyMuted);
        foreach (var line in _sheet.KeyPem.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Text(line, Theme.Small);
        }
    }

    private void Feet()
    {
        var pages = _flow.Document.Pages;
        var style = Theme.Running;
        var baseline = Theme.PageHeight - Theme.MarginBottom + 32;
        foreach (var page in pages)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"page {page.Number} of {pages.Count}");
            var left = $"Attestation {_statement.Code} · {_statement.AuditBody}";
            var width = _flow.Engine.Width(number, style);
            page.Items.AddRange(_flow.Engine.SingleLine(_flow.Engine.Ellipsize(left, style, _flow.Body.Width - width - 24), style, baseline)
                .Select(i => i.Offset(_flow.Body.Left, 0) with { Region = PageRegion.Footer }));
            page.Items.AddRange(_flow.Engine.SingleLine(number, style, baseline)
                .Select(i => i.Offset(_flow.Body.Right - width, 0) with { Region = PageRegion.Footer }));
        }
    }

    private static string Date(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string OpinionText(string code) => AuditStatuses.TryParseOpinion(code, out var opinion) ? opinion.DisplayName() : code;

    private static string LevelText(string code) => code == "cannot-be-verified" ? "cannot be verified" : code;

    private static string FindingText(string code) => code.Replace('_', ' ');
}
