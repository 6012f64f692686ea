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
        // By keyboard: the first option after "Choose…" is the assessment's first weakness (the lowest score now).
        var characteristic = form.GetByLabel("Characteristic");
        var firstFocus = form.GetByTestId("focus-characteristics").Locator("option").First;
        await Expect(firstFocus).ToContainTextAsync("(weakness");
        var weakness = await firstFocus.GetAttributeAsync("value") ?? throw new InvalidOperationException("no weakness offered");
        await characteristic.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(characteristic).ToHaveValueAsync(weakness);

        // The ISO documents serving the weakness's sub-dimension (catalogue Table 3) come first, in the catalogue's order.
        var catalogue = fixture.Services.GetRequiredService<MaturityCatalogue>();
        var documents = ActionChoices.Documents(catalogue.Documents, catalogue.GetCharacteristic(weakness).SubDimensionCode);
        Assert.NotEmpty(documents.Linked);
        // Not the catalogue's own order, so the check below would catch a form that ignores the choice.
        Assert.NotEqual(catalogue.Documents.Select(d => d.Code), documents.Linked.Concat(documents.Others).Select(d => d.Code));
        var documentBoxes = form.Locator("fieldset.radio-list label");
        await Expect(form.Locator("fieldset.radio-list legend")).ToContainTextAsync("those serving the chosen characteristic first");
        await Expect(documentBoxes).ToHaveTextAsync([.. documents.Linked.Concat(documents.Others).Select(d => $"{d.Code} {d.Title}")]);
        await documentBoxes.First.Locator("input").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(documentBoxes.First.Locator("input")).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "plan form with a weakness chosen at 1280");
        await page.SetViewportSizeAsync(360, 780);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the plan page scrolls sideways at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "plan form with a weakness chosen at 360");
        await page.SetViewportSizeAsync(1280, 900);

        await form.GetByLabel("Title").FillAsync("Browser test: publish the roadmap");
        await form.GetByLabel("Due date").FillAsync("2001-02-03");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        // No owner yet: refused with a message that says what to do, nothing stored.
        await Expect(page.GetByTestId("action-error")).ToContainTextAsync("Name one owner");
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
