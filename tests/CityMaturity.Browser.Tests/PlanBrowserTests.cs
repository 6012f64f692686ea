using System.Text.RegularExpressions;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Plans;
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
        // By keyboard: the characteristic is a MudSelect; opened with Enter, its first item after "Choose…" is the
        // assessment's first weakness (the lowest score now), under the heading "Weaknesses and gaps in plans".
        var characteristic = form.GetByLabel("Characteristic", new() { Exact = true });
        await characteristic.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await Expect(page.Locator(".mud-popover-open").GetByTestId("focus-characteristics")).ToHaveTextAsync("Weaknesses and gaps in plans");
        var firstFocus = items.Nth(1);
        await Expect(firstFocus).ToContainTextAsync("(weakness");
        var weakness = (await firstFocus.InnerTextAsync()).Trim().Split(' ')[0];
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(characteristic).ToHaveValueAsync(new Regex($"^{Regex.Escape(weakness)} .*\\(weakness"));

        // The ISO documents serving the weakness's sub-dimension (catalogue Table 3) come first, in the catalogue's order.
        var catalogue = fixture.Services.GetRequiredService<MaturityCatalogue>();
        var documents = ActionChoices.Documents(catalogue.Documents, catalogue.GetCharacteristic(weakness).SubDimensionCode);
        Assert.NotEmpty(documents.Linked);
        // Not the catalogue's own order, so the check below would catch a form that ignores the choice.
        Assert.NotEqual(catalogue.Documents.Select(d => d.Code), documents.Linked.Concat(documents.Others).Select(d => d.Code));
        var documentList = form.GetByTestId("action-documents");
        var documentBoxes = documentList.GetByRole(AriaRole.Checkbox);
        await Expect(documentList.Locator("legend")).ToContainTextAsync("those serving the chosen characteristic first");
        string[] expectedDocuments = [.. documents.Linked.Concat(documents.Others).Select(d => $"{d.Code} {d.Title}")];
        await Expect(documentBoxes).ToHaveCountAsync(expectedDocuments.Length);
        for (var i = 0; i < expectedDocuments.Length; i++)
        {
            await Expect(documentBoxes.Nth(i)).ToHaveAccessibleNameAsync(expectedDocuments[i]);
        }

        await documentBoxes.First.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(documentBoxes.First).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "plan form with a weakness chosen at 1280");
        await page.SetViewportSizeAsync(360, 780);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the plan page scrolls sideways at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "plan form with a weakness chosen at 360");
        await page.SetViewportSizeAsync(1280, 900);

        await form.GetByLabel("Title").FillAsync("Browser test: publish the roadmap");
        await form.GetByLabel("Due date").FillAsync("2001-02-03");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        // No owner yet: the validator's message under the typed-in owner (its accessible description), nothing stored.
        await Expect(page.Locator("#action-owner-error")).ToHaveTextAsync(ActionDraftValidator.OwnerRule);
        await Expect(form.GetByLabel("Owner (typed in: a department, a partner)")).ToHaveAccessibleDescriptionAsync(ActionDraftValidator.OwnerRule);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "improvement plan with a refusal");

        await form.GetByLabel("Owner (typed in: a department, a partner)").FillAsync("Digital office");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        await Expect(page.GetByTestId("plan-message")).ToContainTextAsync("Added “Browser test: publish the roadmap”.");
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var stored = await db.ImprovementActions.AsNoTracking().SingleAsync(a => a.AssessmentId == baselineId && a.Title == "Browser test: publish the roadmap");
            Assert.Equal((weakness, "Digital office", new DateOnly(2001, 2, 3)), (stored.CharacteristicCode, stored.OwnerName, stored.DueDate));
            Assert.Equal([documents.Linked[0].Code], stored.Documents);
        }

        var row = page.GetByTestId("action-row").Filter(new() { HasText = "Browser test: publish the roadmap" });
        await Expect(row).ToContainTextAsync("Digital office");
        await Expect(row.GetByTestId("overdue")).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "History of Browser test: publish the roadmap" }).ClickAsync();
        await Expect(page.GetByTestId("action-history")).ToContainTextAsync("title: (empty) → Browser test: publish the roadmap");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Dashboard: {DemoAssessmentSeeder.ClosedAssessmentName}" }).ClickAsync();
        await Expect(page.GetByTestId("overdue-actions")).ToContainTextAsync("Browser test: publish the roadmap");
    }
}
