using System.Text.RegularExpressions;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>The member's landing on their tasks and the facilitator's participants grid, with axe at laptop and phone widths.</summary>
[Collection(SecondBrowserCollection.Name)]
public class JourneyBrowserTests(BrowserFixture fixture)
{
    private static readonly (string Email, string Password) Member = (AccountSeeder.DemoAccounts[3].Email, AccountSeeder.DemoAccounts[3].Password);
    private static readonly (string Email, string Password) Facilitator = (AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password);

    /// <summary>The widths the pages are checked at; one sign-in and page load serve both.</summary>
    private static readonly ViewportSize[] Widths = [new() { Width = 1280, Height = 900 }, new() { Width = 390, Height = 844 }];

    [Fact]
    public async Task A_member_of_one_organisation_lands_on_their_tasks_and_reaches_the_rating_page()
    {
        var page = await fixture.SignInAsync(Member.Email, Member.Password);

        await Expect(page).ToHaveURLAsync(new Regex("/orgs/demoville$"));
        var toRate = page.GetByTestId("to-rate");
        await Expect(toRate.GetByRole(AriaRole.Heading)).ToContainTextAsync("To rate");
        await Expect(toRate).ToContainTextAsync(" of 64 answers · deadline ");
        await Expect(page.GetByTestId("results-to-read")).ToContainTextAsync("No results for you to read yet.");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Accessibility.AssertNoSeriousViolationsAtEachWidthAsync(page, "the member's tasks", Widths);

        await toRate.GetByRole(AriaRole.Link, new() { Name = DemoAssessmentSeeder.OpenAssessmentName }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/rate(/[^/]+)?$"));
        await Expect(page.Locator("#rating-progress-label")).ToContainTextAsync("of 64 answers");
    }

    [Fact]
    public async Task The_participants_grid_filters_sorts_and_shows_progress_and_reminders()
    {
        var page = await fixture.SignInAsync(Facilitator.Email, Facilitator.Password);
        await page.GotoAsync("/orgs/demoville/assessments");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoAssessmentSeeder.OpenAssessmentName, Exact = true }).ClickAsync();
        var grid = page.GetByRole(AriaRole.Table, new() { Name = "Participants" });
        await Expect(grid).ToBeVisibleAsync();

        // Per person: answers of 64, characteristics complete, state, reminder state.
        var memberRow = grid.Locator("tr", new() { Has = page.Locator($"[data-participant='{Member.Email}']") });
        await Expect(memberRow.GetByTestId("answers")).ToHaveTextAsync(new Regex(@"^\d+ of 64 answers$"));
        await Expect(memberRow.GetByTestId("reminders")).ToContainTextAsync("7-day due");
        await Expect(page.GetByTestId("reminders-explained")).ToContainTextAsync("On: participants not finished get a reminder from");

        // Filter by text, then by state.
        await page.GetByLabel("Search participants").FillAsync("Max Member");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await page.GetByLabel("Search participants").FillAsync(string.Empty);
        await Expect(grid.Locator("tbody tr").Nth(2)).ToBeVisibleAsync();
        var states = await grid.GetByTestId("state").AllInnerTextsAsync();
        var notStarted = states.Count(s => s == "Not started");
        Assert.True(notStarted > 0 && notStarted < states.Count, $"the seed has people in several states: {string.Join(", ", states)}");
        await page.GetByTestId("participants-state").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Not started" }).ClickAsync();
        await Expect(grid.GetByTestId("state")).ToHaveCountAsync(notStarted);
        await Expect(grid.GetByTestId("state").Filter(new() { HasNotText = "Not started" })).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Accessibility.AssertNoSeriousViolationsAtEachWidthAsync(page, "the participants grid, filtered", Widths);
        await page.GetByTestId("participants-state").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "All" }).ClickAsync();
        await Expect(grid.GetByTestId("state")).ToHaveCountAsync(states.Count);

        // Sort by answers given: twice on the header gives the most answers first. On a phone the grid shows one card per
        // person without column headers, so sorting is checked at laptop width.
        var answersHeader = grid.Locator("th", new() { HasText = "Answers" }).First;
        await answersHeader.Locator(".sort-direction-icon, .mud-table-sort-label, span").First.ClickAsync();
        await answersHeader.Locator(".sort-direction-icon, .mud-table-sort-label, span").First.ClickAsync();
        await Expect(grid.GetByTestId("answers").First).Not.ToHaveTextAsync(new Regex("^0 of"));
        var given = (await grid.GetByTestId("answers").AllInnerTextsAsync()).Select(t => int.Parse(t.Split(' ')[0])).ToList();
        Assert.Equal(given.OrderDescending(), given);
    }

    [Fact]
    public async Task A_manager_turns_scheduled_reminders_off_and_on()
    {
        var page = await fixture.SignInAsync(Facilitator.Email, Facilitator.Password);
        await page.GotoAsync("/orgs/demoville/assessments");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoAssessmentSeeder.OpenAssessmentName, Exact = true }).ClickAsync();
        var toggle = page.GetByRole(AriaRole.Switch, new() { Name = "Send scheduled reminders 7 and 2 days before the deadline" });
        await Expect(toggle).ToBeCheckedAsync();

        await toggle.ClickAsync();
        await Expect(page.GetByTestId("reminders-explained")).ToContainTextAsync("Off: nobody gets a scheduled reminder.");
        await Expect(page.GetByTestId("reminders").First).ToContainTextAsync("scheduled reminders are off");

        await toggle.ClickAsync();
        await Expect(page.GetByTestId("reminders-explained")).ToContainTextAsync("On: participants not finished");
        await Expect(toggle).ToBeCheckedAsync();
    }
}
