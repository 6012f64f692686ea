using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

[Collection(SecondBrowserCollection.Name)]
public class CatalogueBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Search_digital_inclusion_open_2_3_1_and_read_its_five_levels()
    {
        var page = await fixture.OpenInteractiveAsync("/catalogue");

        await page.GetByLabel("Search titles and criteria").FillAsync("digital inclusion");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("match(es)? “digital inclusion”") })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"q=digital(\+|%20)inclusion"));
        await page.Locator(".search-results").GetByRole(AriaRole.Link, new() { Name = "2.3.1 Digital inclusion" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/catalogue/2\\.3\\.1$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("2.3.1 Digital inclusion");
        var levels = page.Locator(".level-criterion");
        await Expect(levels).ToHaveCountAsync(5);
        foreach (var (name, index) in new[] { "Initial", "Partially fulfilled", "Fulfilled", "Improving", "Sustainably optimising" }.Select((n, i) => (n, i)))
        {
            await Expect(levels.Nth(index).GetByRole(AriaRole.Heading)).ToContainTextAsync(name);
            await Expect(levels.Nth(index).Locator(".criterion")).Not.ToBeEmptyAsync();
        }
    }

    [Fact]
    public async Task Keyboard_only_a_reader_tabs_to_the_next_characteristic_and_opens_it()
    {
        var page = await fixture.OpenInteractiveAsync("/catalogue/1.1.1");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.querySelector('a[href],button,input').textContent"));

        var reachedNext = false;
        for (var presses = 0; presses < 60 && !reachedNext; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            reachedNext = await page.EvaluateAsync<bool>("document.activeElement?.getAttribute('rel') === 'next'");
        }

        Assert.True(reachedNext, "the link to the next characteristic cannot be reached with Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("1.1.2 A smart-enabled city vision and strategy");
    }

    /// <summary>Each page is loaded once and checked at each of its widths.</summary>
    [Theory]
    [InlineData("/catalogue", 1280)]
    [InlineData("/catalogue/2.3.1", 1280, 390)]
    public async Task The_catalogue_has_no_serious_accessibility_violations(string path, params int[] widths)
    {
        var sizes = widths.Select(Accessibility.ViewportOf).ToArray();
        var page = await fixture.OpenInteractiveAsync(path, sizes[0]);

        await Accessibility.AssertNoSeriousViolationsAtEachWidthAsync(page, path, sizes);
    }

    [Fact]
    public async Task On_a_phone_the_level_criteria_stack_in_one_column()
    {
        var page = await fixture.OpenInteractiveAsync("/catalogue/4.3", new ViewportSize { Width = 390, Height = 844 });

        var boxes = await Task.WhenAll((await page.Locator(".level-criterion").AllAsync()).Select(l => l.BoundingBoxAsync()));

        Assert.Equal(5, boxes.Length);
        Assert.All(boxes, b => Assert.True(b!.X + b.Width <= 390, "a level card runs past the phone's width"));
        Assert.True(boxes.Zip(boxes.Skip(1)).All(pair => pair.Second!.Y > pair.First!.Y), "level cards should be stacked vertically");
    }

    [Fact]
    public async Task Pages_load_their_styles_and_scripts_without_browser_errors()
    {
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        var failedResponses = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) { failedResponses.Add($"{response.Status} {response.Url}"); } };

        foreach (var path in new[] { "/", "/catalogue", "/catalogue/4.6", "/about", "/account/login" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.Empty(failedResponses);
        Assert.Empty(errors);
        // MudBlazor's theme really applied, in the app's colours: the theme provider defines its palette on the root element.
        var primary = await page.EvaluateAsync<string>(
            "(() => { const probe = document.createElement('span'); probe.style.color = 'var(--mud-palette-primary)'; document.body.append(probe); const colour = getComputedStyle(probe).color; probe.remove(); return colour; })()");
        Assert.Equal("rgb(11, 61, 145)", primary);
    }
}
