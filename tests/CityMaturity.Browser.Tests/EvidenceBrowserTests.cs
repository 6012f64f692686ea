using System.Text;
using CityMaturity.Domain.Evidence;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>Evidence on the rating page (issue 15), on a phone: attach a document and a link, see them on the card; hostile files never run.</summary>
[Collection(BrowserCollection.Name)]
public class EvidenceBrowserTests(BrowserFixture fixture)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private const string Script = "<script>localStorage.setItem('pwned', document.domain); parent.postMessage('pwned', '*'); alert('pwned')</script>";

    private async Task<List<EvidenceItem>> ItemsAsync(Guid assessmentId)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await db.EvidenceItems.AsNoTracking().Where(e => e.AssessmentId == assessmentId).ToListAsync();
    }

    [Fact]
    public async Task On_a_phone_a_participant_uploads_a_document_and_adds_a_link_and_sees_both_on_the_card()
    {
        var rater = await RatingBrowserTests.OpenAssessmentWithParticipantAsync(fixture.Services, fixture.BaseAddress, $"evidence.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync(RatingBrowserTests.Phone);
        await RatingBrowserTests.OpenCardAsync(page, rater.Link, "2.3.1");

        // Collapsed by default, with its count.
        var panel = page.Locator("#rating-evidence");
        await Expect(panel).Not.ToHaveAttributeAsync("open", "");
        await Expect(panel.Locator("summary")).ToHaveTextAsync("Evidence (0)");
        await panel.Locator("summary").ClickAsync();

        // The card's evidence loads when it opens (ADR 0052): Demoville's published figures of the indicators linked to
        // 2.3.1, the latest with its year and its change against the year before in words, judged by the indicator's direction.
        var fact = panel.Locator(".evidence-facts li[data-indicator='L1.5.2']");
        await Expect(fact).ToContainTextAsync("83 % (2024)");
        await Expect(fact.Locator(".evidence-trend")).ToContainTextAsync("up from 71 in 2023: better");

        await page.Locator("#evidence-file").SetInputFilesAsync(new FilePayload { Name = "Inclusion plan 2026.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Expect(page.Locator("#evidence-status")).ToHaveTextAsync("Added “Inclusion plan 2026.pdf”.");
        await Expect(page.Locator("#rating-evidence summary")).ToHaveTextAsync("Evidence (1)");
        var document = page.Locator(".evidence-items a", new() { HasText = "Inclusion plan 2026.pdf" });
        await Expect(document).ToBeVisibleAsync();

        await page.Locator("#evidence-link").FillAsync("https://example.org/digital-inclusion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add link" }).ClickAsync();
        await Expect(page.Locator("#rating-evidence summary")).ToHaveTextAsync("Evidence (2)");
        await Expect(page.Locator(".evidence-items a[href='https://example.org/digital-inclusion']")).ToBeVisibleAsync();

        // Nothing sticks out of a phone's width, and the open panel passes axe.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the card with its evidence is wider than the phone");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "rating card with evidence open (phone)");

        var stored = await ItemsAsync(rater.AssessmentId);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.Equal(rater.ParticipantId, e.ParticipantId));
        Assert.Contains(stored, e => e.Kind == EvidenceKind.Document && e.Title == "Inclusion plan 2026.pdf" && e.SizeBytes == Pdf.Length);

        // The document downloads as the file it is.
        var download = await page.RunAndWaitForDownloadAsync(() => document.ClickAsync());
        Assert.Equal("Inclusion plan 2026.pdf", download.SuggestedFilename);

        // A fresh visit shows the count, collapsed again; the participant may remove their own item.
        await RatingBrowserTests.OpenCardAsync(page, rater.Link, "2.3.1");
        await Expect(page.Locator("#rating-evidence summary")).ToHaveTextAsync("Evidence (2)");
        await page.Locator("#rating-evidence summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove https://example.org/digital-inclusion" }).ClickAsync();
        await Expect(page.Locator("#rating-evidence summary")).ToHaveTextAsync("Evidence (1)");
    }

    [Fact]
    public async Task An_html_or_svg_file_behind_a_pdf_or_png_name_never_runs_script_in_the_apps_origin()
    {
        var rater = await RatingBrowserTests.OpenAssessmentWithParticipantAsync(fixture.Services, fixture.BaseAddress, $"hostile.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync(RatingBrowserTests.Phone);
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        await RatingBrowserTests.OpenCardAsync(page, rater.Link, "1.1.1");
        await page.Locator("#rating-evidence summary").ClickAsync();

        // Through the page: refused by content, whatever the name.
        foreach (var (name, content) in new[] { ("report.pdf", $"<!doctype html><html><body>{Script}</body></html>"), ("chart.png", $"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">{Script}</svg>") })
        {
            await page.Locator("#evidence-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes(content) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Expect(page.Locator("#evidence-status")).ToContainTextAsync("HTML, SVG or XML");
        }

        Assert.Empty(await ItemsAsync(rater.AssessmentId));

        // Even if such a file were stored (a future bug, an old row), with the worst type on record, the browser only
        // downloads it: opening its address leaves the page where it is and runs nothing.
        var hostile = await StoreHostileDocumentAsync(rater, "text/html", $"<html><body>{Script}</body></html>");
        var svg = await StoreHostileDocumentAsync(rater, "image/svg+xml", $"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">{Script}</svg>");
        foreach (var id in new[] { hostile, svg })
        {
            var address = $"{rater.Link}/evidence/{id}/file";
            var download = await page.RunAndWaitForDownloadAsync(() => page.EvaluateAsync("url => { location.href = url; }", address));
            Assert.NotNull(download);

            // And opened as a page of its own (a new tab) it is still only a download.
            var popupDownload = await page.Context.NewPageAsync();
            var download2 = await popupDownload.RunAndWaitForDownloadAsync(async () =>
            {
                try { await popupDownload.GotoAsync(address); } catch (PlaywrightException) { /* "Download is starting": no page was rendered */ }
            });
            Assert.NotNull(download2);
            await popupDownload.CloseAsync();
        }

        await Expect(page.Locator(".rating-card[data-characteristic='1.1.1']")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('pwned')"));
        Assert.Equal(0, dialogs);
    }

    private async Task<Guid> StoreHostileDocumentAsync(RatingBrowserTests.Rater rater, string contentType, string content)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == rater.AssessmentId);
        var bytes = Encoding.UTF8.GetBytes(content);
        var item = new EvidenceItem
        {
            Id = Guid.NewGuid(), OrganisationId = assessment.OrganisationId, AssessmentId = assessment.Id, CharacteristicCode = "1.1.1",
            Kind = EvidenceKind.Document, Title = "innocent.pdf", ContentType = contentType, SizeBytes = bytes.Length,
            Sha256 = System.Security.Cryptography.SHA256.HashData(bytes), AddedAt = DateTimeOffset.UtcNow,
        };
        db.EvidenceItems.Add(item);
        db.EvidenceFiles.Add(new EvidenceFile { EvidenceId = item.Id, Content = bytes });
        await db.SaveChangesAsync();
        return item.Id;
    }
}
