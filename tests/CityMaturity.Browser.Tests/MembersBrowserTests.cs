using System.Text.RegularExpressions;
using CityMaturity.Web.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>The members page: its data grid sorts and filters, the invitation form shows the service's message under the field, and a refused role change shows the stored role again.</summary>
[Collection(SecondBrowserCollection.Name)]
public class MembersBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_members_grid_sorts_by_name_both_ways_and_the_search_filters_its_rows()
    {
        var admin = AccountSeeder.DemoAccounts[2];
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/orgs/demoville/members");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var grid = page.GetByRole(AriaRole.Table, new() { Name = "Members" });
        var names = grid.Locator("tbody tr td:first-child");
        await Expect(names.Filter(new() { HasText = "Leo Leader" })).ToHaveCountAsync(1);
        var shown = await names.AllInnerTextsAsync();
        Assert.True(shown.Count >= 4, $"the demo city has at least four members, the grid shows {shown.Count}");

        // Each sort button is named after its column (MudDataGrid alone names them all just "Sort").
        var sortByName = grid.GetByRole(AriaRole.Button, new() { Name = "Sort by Name", Exact = true });
        await Expect(grid.GetByRole(AriaRole.Button, new() { Name = "Sort by Email", Exact = true })).ToHaveCountAsync(1);
        await Expect(grid.GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true })).ToHaveCountAsync(0);
        await sortByName.ClickAsync();
        var ascending = shown.Order(StringComparer.OrdinalIgnoreCase).ToArray();
        await Expect(names).ToHaveTextAsync(ascending);
        await sortByName.ClickAsync();
        await Expect(names).ToHaveTextAsync(ascending.Reverse().ToArray());

        // The search runs across name, email and role: "leader" finds Leo by his role and his address.
        await page.GetByLabel("Search the members").FillAsync("leader");
        await Expect(names).ToHaveTextAsync(["Leo Leader"]);
        await page.GetByLabel("Search the members").FillAsync("no one is called this");
        await Expect(names).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_address_the_service_refuses_shows_its_message_under_the_email_field()
    {
        var admin = AccountSeeder.DemoAccounts[2];
        var page = await fixture.SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/orgs/demoville/members");
        await page.Locator("[data-interactive='true']").WaitForAsync();

        var email = page.GetByLabel("Email", new() { Exact = true });
        await email.FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Expect(page.Locator("#invite-email-error")).ToHaveTextAsync("“not-an-address” is not a valid email address.");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAccessibleDescriptionAsync(new Regex("not a valid email address"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the members page with a refused address");

        // A refused role change: Ada is Demoville's only administrator, so the service refuses her demotion and the
        // grid's select shows her stored role again (the select is re-created on reload, not left on "Member").
        var adasRole = page.GetByLabel($"Role of {admin.Name}", new() { Exact = true });
        await Expect(adasRole).ToHaveValueAsync("Organisation administrator");
        await MudSelects.ChooseAsync(page, adasRole, "Member");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("An organisation needs at least one administrator");
        await Expect(adasRole).ToHaveValueAsync("Organisation administrator");
    }
}
