using System.Text.RegularExpressions;
using CityMaturity.Web.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>The forms whose rules are the services' own validators: each message stands under its field, before anything is saved.</summary>
[Collection(SecondBrowserCollection.Name)]
public class FormValidationBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_new_organisation_with_no_name_and_a_wrong_address_shows_both_messages_under_their_fields_and_saves_nothing()
    {
        var page = await fixture.SignInAsync(AccountSeeder.DemoSystemAdminEmail, AccountSeeder.DemoSystemAdminPassword);
        await page.GotoAsync("/admin/organisations");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "All organisations" }).Locator("tbody tr");
        var before = await rows.CountAsync();

        var email = page.GetByLabel("Email of its first administrator");
        await email.FillAsync("admin at somewhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and invite" }).ClickAsync();

        await Expect(page.Locator("#org-name-error")).ToHaveTextAsync("The organisation's name must have 1 to 200 characters.");
        await Expect(page.Locator("#org-admin-error")).ToHaveTextAsync("“admin at somewhere” is not a valid email address.");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAccessibleDescriptionAsync(new Regex("not a valid email address"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the new-organisation form with two refused fields");

        // After the refused submit each change re-checks: a right name takes its message away, the address's stays.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Validville");
        await Expect(page.Locator("#org-name-error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#org-admin-error")).ToBeVisibleAsync();
        Assert.Equal(before, await rows.CountAsync());
    }

    [Fact]
    public async Task A_new_password_too_short_is_refused_with_the_message_under_the_new_password_field()
    {
        var member = AccountSeeder.DemoAccounts[3];
        var page = await fixture.SignInAsync(member.Email, member.Password);
        await page.GotoAsync("/account/change-password");

        await page.GetByLabel("Current password").FillAsync(member.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Repeat the new password").FillAsync("short");
        // The browser's own minlength check would stop the post; the server's rule is the one under test.
        await page.Locator("form.stacked-form").EvaluateAsync("form => form.noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("error=weak"));
        var password = page.GetByLabel("New password", new() { Exact = true });
        await Expect(page.Locator("#password-error")).ToHaveTextAsync(NewPasswordValidator.TooShortMessage);
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(password).ToHaveAccessibleDescriptionAsync(new Regex("at least 10 characters"));
        await Expect(page.Locator("#confirm-error")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the change-password form with a refused new password");
    }
}
