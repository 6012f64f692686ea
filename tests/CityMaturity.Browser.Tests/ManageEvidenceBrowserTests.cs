using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// The manage page's Evidence tab: a facilitator attaches a link to the consensus decision recorded on a
/// characteristic, sees it listed, and removes it; the removal is recorded. axe at laptop and phone widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ManageEvidenceBrowserTests(BrowserFixture fixture)
{
    private const string Url = "https://example.org/consensus-minutes-2027";

    [Fact]
    public async Task A_facilitator_attaches_evidence_to_a_consensus_decision_on_the_manage_page_and_removes_it()
    {
        Guid reviewId;
        var decision = new ConsensusDecision { Id = Guid.NewGuid(), CharacteristicCode = "1.1.1", Rationale = "Browser test: no consensus yet", RecordedAt = DateTimeOffset.UtcNow };
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            reviewId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.OpenAssessmentName)).Id;
            // "No consensus" leaves the scores as they are for the other tests sharing the demo; removed again below.
            decision.AssessmentId = reviewId;
            db.ConsensusDecisions.Add(decision);
            await db.SaveChangesAsync();
        }

        try
        {
            var page = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026");
            await page.GotoAsync($"/orgs/demoville/assessments/{reviewId}?tab=evidence");
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var section = page.GetByTestId("manage-evidence");
            await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "Evidence", Exact = true })).ToBeVisibleAsync();
            var form = section.GetByTestId("attach-evidence");

            await form.GetByLabel("On the consensus decision recorded for 1.1.1").CheckAsync();
            await page.Locator("#attach-link").FillAsync(Url);
            await form.GetByRole(AriaRole.Button, new() { Name = "Add link" }).ClickAsync();
            await Expect(page.GetByTestId("attach-added")).ToContainTextAsync($"Added “{Url}” to 1.1.1.");
            var listed = section.Locator("[data-testid='evidence-panel'][aria-label='Evidence on 1.1.1'] li", new() { HasText = Url });
            await Expect(listed).ToContainTextAsync("on the consensus");
            await Accessibility.AssertNoSeriousViolationsAsync(page, "manage page, evidence tab");

            await page.SetViewportSizeAsync(360, 800);
            await Accessibility.AssertNoSeriousViolationsAsync(page, "manage page, evidence tab, phone width");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the evidence tab scrolls sideways at 360 px");

            // Removing asks first; "Keep it" keeps the item, "Remove" removes it.
            await listed.GetByRole(AriaRole.Button, new() { Name = $"Remove “{Url}”" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("A record of who removed it and when is kept.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(listed).ToHaveCountAsync(1);
            await listed.GetByRole(AriaRole.Button, new() { Name = $"Remove “{Url}”" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
            await Expect(listed).ToHaveCountAsync(0);

            await using var scope = fixture.Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var item = await db.EvidenceItems.AsNoTracking().SingleAsync(e => e.AssessmentId == reviewId && e.Url == Url);
            Assert.Equal(decision.Id, item.ConsensusDecisionId);
            Assert.NotNull(item.RemovedAt);
            Assert.Equal(
                [EvidenceAction.Added, EvidenceAction.Removed],
                await db.EvidenceChanges.AsNoTracking().Where(c => c.EvidenceId == item.Id).OrderBy(c => c.Id).Select(c => c.Action).ToListAsync());
        }
        finally
        {
            await using var scope = fixture.Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            await db.EvidenceItems.Where(e => e.ConsensusDecisionId == decision.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsensusDecisionId, (Guid?)null));
            await db.ConsensusDecisions.Where(d => d.Id == decision.Id).ExecuteDeleteAsync();
        }
    }
}
