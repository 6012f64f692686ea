using System.Text.RegularExpressions;
using CityMaturity.Web.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

[Collection(SecondBrowserCollection.Name)]
public class AccountBrowserTests(BrowserFixture fixture)
{
    private static readonly (string Email, string Password) Facilitator = (AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password);

    [Fact]
    public async Task The_demo_facilitator_signs_in_switches_organisation_and_signs_out()
    {
        var page = await fixture.SignInAsync(Facilitator.Email, Facilitator.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/orgs$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your organisations" })).ToBeVisibleAsync();

        await page.Locator(".org-switcher summary").ClickAsync();
        await page.GetByRole(AriaRole.List, new() { Name = "Switch organisation" }).GetByRole(AriaRole.Link, new() { Name = AccountSeeder.DemoCityName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccountSeeder.DemoCityName);
        await Expect(page.Locator(".org-switcher summary")).ToHaveTextAsync(AccountSeeder.DemoCityName);

        await page.Locator(".org-switcher summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = AccountSeeder.DemoNetworkName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AccountSeeder.DemoNetworkName);
        await Expect(page.Locator(".org-switcher summary")).ToHaveTextAsync(AccountSeeder.DemoNetworkName);
        // Administrator of the network, facilitator (not administrator) of the city.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Members and invitations" })).ToBeVisibleAsync();

        await page.Locator(".user-menu summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/orgs");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_that_names_no_account()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(Facilitator.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right");
    }
}
