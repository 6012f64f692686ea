using System.Text.RegularExpressions;
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
        Guid baselineId, firstCycleId, secondCycleId;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            baselineId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.ClosedAssessmentName)).Id;
            firstCycleId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.FirstCycleName)).Id;
            secondCycleId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.SecondCycleName)).Id;
        }

        var page = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026");
        await page.GotoAsync($"/orgs/demoville/assessments/{baselineId}");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a follow-up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Start a follow-up of {DemoAssessmentSeeder.ClosedAssessmentName}");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "follow-up form at 1280");
        await Accessibility.AssertFitsAPhoneAsync(page, "follow-up form");
        await page.GetByLabel("Name of the follow-up").FillAsync("Follow-up 2028");
        // The demo baseline is already the third cycle of its series: the follow-up joins it, nothing to name.
        await Expect(page.GetByLabel("Name of the series")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the follow-up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Follow-up 2028");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cycles and trend" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("City-wide MMSSC");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "series page at 1280");
        await AssertLegendSwatchesFitTheirTextAsync(page, "1280");
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

        // Cycles compared: by default the latest two that are not drafts; choosing the two earlier ones changes the
        // realisation and "what moved" to that pair, in the address too, so the phone opens the same comparison.
        var realisationIntro = page.GetByTestId("realisation").Locator("p").First;
        await Expect(realisationIntro).ToContainTextAsync($"{DemoAssessmentSeeder.SecondCycleName}'s plans (\"in two years\") against {DemoAssessmentSeeder.ClosedAssessmentName}'s level now");
        var compare = page.GetByTestId("compare-form");
        // The cycles are MudSelects: each item reads "name (cycle date)".
        var firstCycle = new Regex($"^{Regex.Escape(DemoAssessmentSeeder.FirstCycleName)} \\(");
        await MudSelects.ChooseAsync(page, compare.GetByLabel("Earlier cycle"), firstCycle);
        await MudSelects.ChooseAsync(page, compare.GetByLabel("Later cycle"), new Regex($"^{Regex.Escape(DemoAssessmentSeeder.SecondCycleName)} \\("));
        await compare.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(realisationIntro).ToContainTextAsync($"{DemoAssessmentSeeder.FirstCycleName}'s plans (\"in two years\") against {DemoAssessmentSeeder.SecondCycleName}'s level now");
        await Expect(page.GetByTestId("moved-table").Locator("thead th")).ToHaveTextAsync(
            ["Characteristic", DemoAssessmentSeeder.FirstCycleName, DemoAssessmentSeeder.SecondCycleName, "Moved", "Spread across groups"]);
        await Expect(page.GetByTestId("compare-refused")).ToHaveCountAsync(0);
        await Expect(compare.GetByLabel("Earlier cycle")).ToHaveValueAsync(firstCycle);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "series page comparing the two earlier cycles at 1280");
        Assert.Contains($"earlier={firstCycleId}", page.Url, StringComparison.Ordinal);
        Assert.Contains($"later={secondCycleId}", page.Url, StringComparison.Ordinal);

        await phone.SetViewportSizeAsync(360, 780);
        await phone.GotoAsync(page.Url);
        await phone.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(phone.GetByTestId("realisation").Locator("p").First).ToContainTextAsync($"{DemoAssessmentSeeder.FirstCycleName}'s plans");
        Assert.False(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the compared series page scrolls sideways at 360 px");
        await Accessibility.AssertNoSeriousViolationsAsync(phone, "series page comparing the two earlier cycles at 360");
        await AssertLegendSwatchesFitTheirTextAsync(phone, "360");

        // Renaming the series (a facilitator may), back on the series page under its new name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Rename the series" }).ClickAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "rename page at 1280");
        await Accessibility.AssertFitsAPhoneAsync(page, "rename page");
        await page.GetByLabel("New name").FillAsync("City-wide MMSSC cycles");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("City-wide MMSSC cycles");
    }

    /// <summary>Each trend legend's swatch is as tall as its text and at most three times as wide (they once took the chart's size).</summary>
    private static async Task AssertLegendSwatchesFitTheirTextAsync(IPage page, string width)
    {
        var swatch = page.Locator(".trend-legend svg").First;
        await Expect(swatch).ToBeVisibleAsync();
        var box = await swatch.BoundingBoxAsync();
        var fontSize = await swatch.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e.closest('li')).fontSize)");
        Assert.True(box is { } b && b.Height <= fontSize * 1.2 && b.Width <= fontSize * 3.2,
            $"a legend swatch at {width} px is {box?.Width} × {box?.Height} px beside {fontSize} px text");
    }
}
