using CityMaturity.Domain.Workshops;
using CityMaturity.Web.Workshops;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>On a phone, no page scrolls sideways: wide tables scroll inside their own regions (ScrollRegion).</summary>
[Collection(SecondBrowserCollection.Name)]
public class PhoneLayoutBrowserTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Fact]
    public async Task The_facilitators_pages_fit_a_phone_and_their_tables_scroll_in_place()
    {
        var page = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026", Phone);
        await page.GotoAsync("/orgs/demoville/assessments");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var tooWide = new List<string>();
        async Task CheckAsync()
        {
            await page.Locator("[data-interactive='true']").WaitForAsync();
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > Phone.Width)
            {
                tooWide.Add($"{page.Url}: {width}px");
            }
        }

        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mid-term review 2027", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mid-term review 2027");
        await CheckAsync();
        // The participants grid (MudDataGrid) shows one card per person on a phone, inside a container that fits the screen.
        var participants = page.GetByRole(AriaRole.Table, new() { Name = "Participants" }).Locator("xpath=ancestor::div[contains(@class,'mud-table-container')]");
        await Expect(participants.GetByTestId("answers").First).ToBeVisibleAsync();
        Assert.True(await participants.EvaluateAsync<bool>("c => c.getBoundingClientRect().right <= window.innerWidth"), "the participants grid's container is wider than the phone");

        // A finished workshop, so that the workshops page has its table.
        var assessmentId = Guid.Parse(page.Url.Split('/')[^1]);
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var workshops = scope.ServiceProvider.GetRequiredService<WorkshopService>();
            var (workshop, refusal) = await workshops.StartAsync(assessmentId, ["1.1.1"], allowWalkIns: false, null);
            Assert.True(workshop is not null, refusal?.Message);
            Assert.True((await workshops.ChangeStatusAsync(assessmentId, workshop.Id, WorkshopStatus.Ended)).Succeeded);
        }

        foreach (var path in new[] { page.Url + "/workshops", "/orgs/demoville/assessments/new", "/orgs/demoville", "/catalogue", "/catalogue/2.3.1", "/account/tokens", "/" })
        {
            await page.GotoAsync(path);
            await CheckAsync();
        }

        Assert.True(tooWide.Count == 0, "pages wider than a phone: " + string.Join("; ", tooWide));
    }
}
