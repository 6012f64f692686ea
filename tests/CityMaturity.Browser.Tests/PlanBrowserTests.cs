using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class PlanBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_facilitator_adds_an_action_sees_a_refusal_then_the_overdue_flag_on_the_dashboard()
    {
        Guid baselineId;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            baselineId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.ClosedAssessmentName)).Id;
        }

        var page = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026");
        await page.GotoAsync($"/orgs/demoville/assessments/{baselineId}/dashboard");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the improvement plan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Improvement plan: {DemoAssessmentSeeder.ClosedAssessmentName}");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "improvement plan at 1280");

        var form = page.GetByTestId("action-form");
        await form.GetByLabel("Characteristic").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await form.GetByLabel("Title").FillAsync("Browser test: publish the roadmap");
        await form.GetByLabel("Due date").FillAsync("2001-02-03");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        // No owner yet: refused with a message that says what to do, nothing stored.
        await Expect(page.GetByTestId("action-error")).ToContainTextAsync("Name one owner");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "improvement plan with a refusal");

        await form.GetByLabel("Owner (typed in: a department, a partner)").FillAsync("Digital office");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        await Expect(page.GetByTestId("plan-message")).ToContainTextAsync("Added “Browser test: publish the roadmap”.");
        var row = page.GetByTestId("action-row").Filter(new() { HasText = "Browser test: publish the roadmap" });
        await Expect(row).ToContainTextAsync("Digital office");
        await Expect(row.GetByTestId("overdue")).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "History of Browser test: publish the roadmap" }).ClickAsync();
        await Expect(page.GetByTestId("action-history")).ToContainTextAsync("title: (empty) → Browser test: publish the roadmap");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Dashboard: {DemoAssessmentSeeder.ClosedAssessmentName}" }).ClickAsync();
        await Expect(page.GetByTestId("overdue-actions")).ToContainTextAsync("Browser test: publish the roadmap");
    }
}
