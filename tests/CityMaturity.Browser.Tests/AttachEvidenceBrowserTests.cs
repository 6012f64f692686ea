using System.Text;
using CityMaturity.Domain.Evidence;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>A facilitator attaches a link and a document from the dashboard; the service's refusals show as they are.</summary>
[Collection(BrowserCollection.Name)]
public class AttachEvidenceBrowserTests(BrowserFixture fixture)
{
    /// <summary>A minimal PDF the evidence checks accept (the audit test attaches it too).</summary>
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task A_facilitator_attaches_a_link_and_a_document_on_the_dashboard_and_sees_the_refusals()
    {
        Guid reviewId;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            reviewId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.OpenAssessmentName)).Id;
        }

        var page = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026");
        await page.GotoAsync($"/orgs/demoville/assessments/{reviewId}/dashboard");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var form = page.GetByTestId("attach-evidence");
        await Expect(form).ToBeVisibleAsync();
        var count = page.Locator("[data-testid='evidence-coverage-table'] tr[data-characteristic='1.1.1'] td.number");
        var before = int.Parse(await count.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // Not a web address: the service's message, nothing added.
        await page.Locator("#attach-link").FillAsync("javascript:alert(1)");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add link" }).ClickAsync();
        await Expect(page.GetByTestId("attach-refusal")).ToContainTextAsync("is not a web address");
        await Expect(count).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.Locator("#attach-link").FillAsync("https://example.org/council-minutes-2027");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add link" }).ClickAsync();
        await Expect(page.GetByTestId("attach-added")).ToContainTextAsync("Added “https://example.org/council-minutes-2027” to 1.1.1.");
        await Expect(count).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // HTML behind a .pdf name is refused by content.
        await page.Locator("[data-testid=attach-file] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "minutes.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>") });
        await Expect(page.GetByTestId("attach-refusal")).ToContainTextAsync("HTML, SVG or XML");

        await page.Locator("[data-testid=attach-file] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "Council minutes 2027.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(page.GetByTestId("attach-added")).ToContainTextAsync("Added “Council minutes 2027.pdf” to 1.1.1.");
        await Expect(count).ToHaveTextAsync((before + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("attach-refusal")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "dashboard with the attach-evidence form");

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var added = await db.EvidenceItems.AsNoTracking()
                .Where(e => e.AssessmentId == reviewId && (e.Title == "Council minutes 2027.pdf" || e.Url == "https://example.org/council-minutes-2027")).ToListAsync();
            Assert.Equal(2, added.Count);
            Assert.All(added, e => Assert.Null(e.ParticipantId));
            Assert.Contains(added, e => e.Kind == EvidenceKind.Document && e.SizeBytes == Pdf.Length && e.ContentType == "application/pdf");
        }
    }
}
