using System.Text.RegularExpressions;
using CityMaturity.Web.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>The new-assessment form: groups edited before the assessment exists, targets set there, both seen after.</summary>
[Collection(SecondBrowserCollection.Name)]
public class NewAssessmentBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_facilitator_edits_the_groups_and_sets_a_target_before_creating_the_assessment()
    {
        var page = await fixture.SignInAsync(AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password);
        await page.GotoAsync("/orgs/demoville/assessments/new");
        await page.Locator("[data-interactive='true']").WaitForAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Form test {Guid.NewGuid():N}"[..20]);
        await Expect(page.GetByLabel("Stakeholder groups")).ToHaveValueAsync(new Regex("^Local government\\nWider public sector"));
        await page.GetByLabel("Stakeholder groups").FillAsync("Residents\nCity council\nLocal businesses");
        await UseTheMudInputsByKeyboardAsync(page);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the new-assessment form at 1280 px");
        await page.SetViewportSizeAsync(390, 844);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the new-assessment form at 390 px");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the assessment" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/orgs/demoville/assessments/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("targets-summary")).ToHaveTextAsync("Targets: 1.1.1 level 3");
        var groups = page.GetByRole(AriaRole.Table, new() { Name = "Progress per stakeholder group" }).Locator("tbody th");
        await Expect(groups).ToHaveTextAsync(["Residents", "City council", "Local businesses"]);
    }

    /// <summary>
    /// The method radios, scope checkboxes and target selects are MudBlazor inputs (ADR 0044): each keeps its label and
    /// is worked here with the keyboard only. Leaves the method as it was, 1.1.2 out of scope and 1.1.1's target at 3.
    /// </summary>
    private static async Task UseTheMudInputsByKeyboardAsync(IPage page)
    {
        var methods = page.GetByRole(AriaRole.Group, new() { Name = "Method", Exact = true }).GetByRole(AriaRole.Radio);
        await Expect(methods).ToHaveCountAsync(3);
        await Expect(methods.Nth(1)).ToBeCheckedAsync();
        await methods.Nth(1).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(methods.Nth(2)).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(methods.Nth(1)).ToBeCheckedAsync();

        var scope112 = page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^1\\.1\\.2 ") });
        await Expect(scope112).ToBeCheckedAsync();
        await Expect(page.Locator("[id='new-target-1.1.2']")).ToHaveCountAsync(1);
        await scope112.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(scope112).Not.ToBeCheckedAsync();
        await Expect(page.Locator("[id='new-target-1.1.2']")).ToHaveCountAsync(0);

        await page.GetByText("Target levels").ClickAsync();
        var target111 = page.Locator("[id='new-target-1.1.1']");
        await Expect(target111).ToHaveAccessibleNameAsync(new Regex("^1\\.1\\.1 "));
        await Expect(target111).ToHaveValueAsync("No target");
        await target111.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-popover-open")).ToBeVisibleAsync();
        for (var step = 0; step < 3; step++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(target111).ToHaveValueAsync(new Regex("^3 "));
    }

    [Fact]
    public async Task The_validators_messages_appear_under_their_fields_and_go_once_the_field_is_right()
    {
        var page = await fixture.SignInAsync(AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password);
        await page.GotoAsync("/orgs/demoville/assessments/new");
        await page.Locator("[data-interactive='true']").WaitForAsync();

        // No name, and no stakeholder group: NewAssessmentValidator (the service's own rule) refuses both.
        var name = page.GetByLabel("Name", new() { Exact = true });
        var groups = page.GetByLabel("Stakeholder groups");
        await groups.FillAsync("  \n ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the assessment" }).ClickAsync();

        await Expect(page.Locator("#name-error")).ToHaveTextAsync("The name needs 1 to 200 characters.");
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("The name needs 1 to 200 characters"));
        await Expect(page.Locator("#groups-error")).ToHaveTextAsync("Name at least one stakeholder group.");
        await Expect(page).ToHaveURLAsync(new Regex("/assessments/new$"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the new-assessment form with messages");

        // Fixing a field takes its message away at once.
        await name.FillAsync("Validation test");
        await Expect(page.Locator("#name-error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#groups-error")).ToHaveTextAsync("Name at least one stakeholder group.");
    }
}
