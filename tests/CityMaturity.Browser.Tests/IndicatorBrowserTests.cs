using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

[Collection(SecondBrowserCollection.Name)]
public class IndicatorBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Filter_to_u4ssc_search_broadband_and_open_the_indicator_from_its_url_form()
    {
        var page = await fixture.OpenInteractiveAsync("/indicators");

        await page.GetByLabel("Framework").SelectOptionAsync("u4ssc-kpi");
        await page.GetByLabel("Search codes, names and definitions").FillAsync("broadband");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("match(es)? “broadband”") })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("framework=u4ssc-kpi"));
        await page.Locator(".search-results").GetByRole(AriaRole.Link, new() { Name = "EC: ICT: ICT: 2C Fixed broadband subscriptions" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/indicators/ec-ict-ict-2c$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("EC: ICT: ICT: 2C Fixed broadband subscriptions");
        await page.GetByRole(AriaRole.Link, new() { Name = "2.3.1 Digital inclusion" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Indicators that evidence this" })).ToBeVisibleAsync();
    }

    /// <summary>Each page is loaded once and checked at each of its widths.</summary>
    [Theory]
    [InlineData("/indicators", 1280, 390)]
    [InlineData("/indicators/ec-ict-ict-1c", 1280, 390)]
    [InlineData("/indicators/l4-3-5", 390)]
    [InlineData("/catalogue/3.1.3", 390)]
    public async Task The_indicator_pages_have_no_serious_accessibility_violations(string path, params int[] widths)
    {
        var sizes = widths.Select(Accessibility.ViewportOf).ToArray();
        var page = await fixture.OpenInteractiveAsync(path, sizes[0]);

        await Accessibility.AssertNoSeriousViolationsAtEachWidthAsync(page, path, sizes);
    }

    [Theory]
    [InlineData("/indicators")]
    [InlineData("/indicators?q=water")]
    [InlineData("/indicators/en-en-aq-1c")]
    [InlineData("/indicators/l2-2-1")]
    [InlineData("/catalogue/4.6")]
    public async Task On_a_360_px_phone_nothing_scrolls_sideways(string path)
    {
        var page = await fixture.OpenInteractiveAsync(path, new ViewportSize { Width = 360, Height = 740 });

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 360 px screen");
    }
}
