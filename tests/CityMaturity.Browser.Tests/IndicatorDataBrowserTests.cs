using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using CityMaturity.Web.Indicators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>A data officer enters a year's values on the indicator data page and the database holds them.</summary>
[Collection(SecondBrowserCollection.Name)]
public class IndicatorDataBrowserTests(BrowserFixture fixture)
{
    private static readonly (string Email, string Password) DataOfficer = (AccountSeeder.DemoAccounts[4].Email, AccountSeeder.DemoAccounts[4].Password);

    [Fact]
    public async Task A_data_officer_enters_values_sees_a_refusal_per_row_then_saves_and_the_database_holds_them()
    {
        var page = await fixture.SignInAsync(DataOfficer.Email, DataOfficer.Password, new ViewportSize { Width = 1280, Height = 900 });
        await page.GotoAsync("/orgs/demoville/indicators");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        // The table is empty while a year's rows are read (the old year's rows would take typing and lose it), so each
        // change of year waits for its own rows (the demo has 51 for L1.1.1 in 2024, nothing in 2021; the page opens on
        // last year, whatever the clock says).
        var value = page.GetByLabel("Value of L1.1.1", new() { Exact = true });
        var year = page.GetByLabel("Year", new() { Exact = true });
        await MudSelects.ChooseAsync(page, year, "2024");
        await Expect(value).ToHaveValueAsync("51");

        // A changed row holds the year where it is until it is saved or discarded; discarding restores the stored value.
        await value.FillAsync("52");
        await Expect(year).ToBeDisabledAsync();
        await Expect(page.GetByText("Save or discard the changes to 2024 first.").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard changes" }).ClickAsync();
        await Expect(value).ToHaveValueAsync("51");
        await Expect(year).ToBeEnabledAsync();

        await MudSelects.ChooseAsync(page, year, "2021");
        await Expect(value).ToHaveValueAsync("");
        await page.GetByLabel("Filter", new() { Exact = true }).FillAsync("L1.1.1");

        await value.FillAsync("150");
        await page.GetByLabel("Source of L1.1.1", new() { Exact = true }).FillAsync("Browser test register");
        await page.GetByTestId("save-year").ClickAsync();
        await Expect(page.Locator("tr[data-code='L1.1.1'] .row-problem")).ToContainTextAsync("is not a percentage");

        await page.GetByLabel("Value of L1.1.1", new() { Exact = true }).FillAsync("42");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Numerator of L1\\.1\\.1")).FillAsync("21");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Denominator of L1\\.1\\.1")).FillAsync("50");
        await page.GetByLabel("Status of L1.1.1", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "published" });
        await page.GetByTestId("save-year").ClickAsync();
        await Expect(page.GetByText("The database now holds 1 value")).ToBeVisibleAsync();

        await using var scope = fixture.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var organisationId = await db.Organisations.Where(o => o.Slug == "demoville").Select(o => o.Id).SingleAsync();
        var stored = Assert.Single(await scope.ServiceProvider.GetRequiredService<IndicatorDataService>().ValuesAsync(organisationId, "L1.1.1", 2021));
        Assert.Equal((42m, 21m, 50m, "%", "Browser test register", CityMaturity.Domain.Indicators.IndicatorValueStatus.Published),
            (stored.Value, stored.Numerator, stored.Denominator, stored.Unit, stored.Source, stored.Status));
    }

    /// <summary>The widths the page is checked at; one sign-in and page load serve both.</summary>
    private static readonly ViewportSize[] Widths = [new() { Width = 1280, Height = 900 }, new() { Width = 390, Height = 844 }];

    [Fact]
    public async Task The_page_and_its_trend_panel_have_no_serious_accessibility_violations_at_laptop_and_phone_widths()
    {
        var page = await fixture.SignInAsync(DataOfficer.Email, DataOfficer.Password);
        await page.GotoAsync("/orgs/demoville/indicators");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAtEachWidthAsync(page, "indicator data", Widths);

        await MudSelects.ChooseAsync(page, page.GetByLabel("Year", new() { Exact = true }), "2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "L1.4.1", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("trend-panel").Locator("svg.trend-chart")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("trend-panel")).ToContainTextAsync("DEMO DATA");
        await Accessibility.AssertNoSeriousViolationsAtEachWidthAsync(page, "indicator trend panel", Widths);
    }
}
