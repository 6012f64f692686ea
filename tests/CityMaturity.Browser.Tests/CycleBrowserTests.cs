using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class CycleBrowserTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_facilitator_starts_a_follow_up_and_reads_the_trend_on_a_phone()
    {
        Guid baselineId;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            baselineId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.ClosedAssessmentName)).Id;
        }

        var page = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026");
        await page.GotoAsync($"/orgs/demoville/assessments/{baselineId}");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a follow-up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Start a follow-up of {DemoAssessmentSeeder.ClosedAssessmentName}");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "follow-up form at 1280");
        await page.GetByLabel("Name of the follow-up").FillAsync("Follow-up 2028");
        // The demo baseline is already the third cycle of its series: the follow-up joins it, nothing to name.
        await Expect(page.GetByLabel("Name of the series")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the follow-up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Follow-up 2028");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cycles and trend" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("City-wide MMSSC");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "series page at 1280");
        var seriesAddress = page.Url;

        var phone = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026", Phone);
        await phone.GotoAsync(seriesAddress);
        await phone.Locator("[data-interactive='true']").WaitForAsync();
        var chart = phone.Locator("[data-testid='trend-chart'] svg[role='img']").First;
        await Expect(chart).ToBeVisibleAsync();
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 300 and <= 390 }, $"the chart is {box?.Width} px wide on a 390 px screen");
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the page scrolls sideways");
        // 2022, 2024 and the baseline are scored (a point per dimension), the draft follow-up is not yet; the realisation
        // compares the latest two that are not drafts: 2024's plans against the baseline.
        var firstDimension = phone.GetByTestId("trend-dimensions-table").Locator("tbody tr").First;
        for (var cycle = 0; cycle < 3; cycle++)
        {
            await Expect(firstDimension.Locator("td").Nth(cycle)).ToContainTextAsync("rated)");
        }

        await Expect(firstDimension.Locator("td").Nth(3)).ToContainTextAsync("0 of");
        await Expect(phone.GetByTestId("realisation-overall")).ToContainTextAsync("Realisation rate:");
        await Accessibility.AssertNoSeriousViolationsAsync(phone, "series page at 390");

        // The plans' trend and the six stakeholder groups' lines, still without sideways scrolling on the phone.
        await phone.GetByLabel("in two years (each cycle's plans)").CheckAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Trend of the level in two years" })).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("trend-groups-table").Locator("tbody tr")).ToHaveCountAsync(6);
        await Expect(phone.Locator("figure:has(svg[aria-labelledby^='trend-groups']) .trend-legend li")).ToHaveCountAsync(6);
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the page scrolls sideways with the group trend");
        await Accessibility.AssertNoSeriousViolationsAsync(phone, "series page, in two years, at 390");

        // Renaming the series (a facilitator may), back on the series page under its new name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Rename the series" }).ClickAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "rename page at 1280");
        await page.GetByLabel("New name").FillAsync("City-wide MMSSC cycles");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("City-wide MMSSC cycles");
    }
}
