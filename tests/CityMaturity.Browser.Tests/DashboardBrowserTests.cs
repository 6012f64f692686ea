using System.Text.RegularExpressions;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class DashboardBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_leader_opens_the_baseline_dashboard_filters_by_group_and_sees_radar_heatmap_and_only_pseudonyms()
    {
        var page = await fixture.SignInAsync("leader@demoville.example", "demo-leader-2026");
        await page.GotoAsync("/orgs/demoville/assessments");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard: Baseline 2026" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard: Baseline 2026");
        await page.Locator("[data-interactive='true']").WaitForAsync();

        var radar = page.Locator("[data-testid='radar'] svg[role='img']").First;
        await Expect(radar).ToBeVisibleAsync();
        await Expect(radar.Locator("g.series-group")).ToHaveCountAsync(2);
        // The demo baseline sets 4 targets: one diamond each, no polygon through the unset ones.
        await Expect(radar.Locator("polygon.target-marker")).ToHaveCountAsync(4);
        var heatmap = page.Locator("[data-testid='heatmap'] table");
        await Expect(heatmap.Locator("thead th")).ToHaveCountAsync(7);
        await Expect(heatmap.Locator("tbody tr")).ToHaveCountAsync(32);
        await Expect(page.GetByTestId("score-table")).ToContainTextAsync(new Regex(@"\([0-9]+ of [0-9]+ rated\)"));
        var nowPointsAll = await radar.Locator(".series.now").First.GetAttributeAsync("points");
        var scoresAll = await page.GetByTestId("score-table").InnerTextAsync();

        // The group filter is a MudSelect: named by its label, showing its choice as text; its list opens over the page.
        var filter = page.GetByLabel("Participants", new() { Exact = true });
        await Expect(filter).ToHaveValueAsync("All stakeholder groups");
        await filter.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^Citizens only$") }).ClickAsync();
        await Expect(filter).ToHaveValueAsync("Citizens only");

        await Expect(page.GetByTestId("filter-notice")).ToContainTextAsync("Citizens alone");
        await Expect(page.GetByTestId("score-table")).Not.ToHaveTextAsync(scoresAll);
        // A polygon, or polylines broken where a characteristic is not rated.
        await Expect(radar.Locator(".series.now").First).Not.ToHaveAttributeAsync("points", nowPointsAll!);
        // The heatmap keeps every group for comparison.
        await Expect(heatmap.Locator("thead th")).ToHaveCountAsync(7);

        await page.GetByRole(AriaRole.Radio, new() { Name = "per sub-dimension" }).CheckAsync();
        await Expect(page.Locator("[data-testid='radar'] details tbody tr")).ToHaveCountAsync(17);

        await page.GetByRole(AriaRole.Button, new() { Name = "Answers to 2.3.1" }).ClickAsync();
        var answers = page.GetByTestId("answers");
        await Expect(answers.Locator("tbody tr")).ToHaveCountAsync(4);
        foreach (var participant in await answers.Locator("tbody tr td:first-child").AllInnerTextsAsync())
        {
            Assert.Matches("^P[0-9]{2}$", participant);
        }

        Assert.DoesNotContain("Silva", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_assessments_dashboard_shows_a_new_answer_without_reload()
    {
        Guid reviewId;
        RatingSession session;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            reviewId = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.OpenAssessmentName)).Id;
            var member = await db.Users.SingleAsync(u => u.Email == "member@demoville.example");
            session = (await scope.ServiceProvider.GetRequiredService<RatingService>().FindByUserAsync(reviewId, member.Id))!;
        }

        var page = await fixture.SignInAsync("facilitator@demoville.example", "demo-facilitator-2026");
        await page.GotoAsync($"/orgs/demoville/assessments/{reviewId}/dashboard");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(page.GetByTestId("live")).ToBeVisibleAsync();
        // Nobody has rated 4.6 in the demo review yet.
        var row = page.Locator("[data-testid='characteristic-figures'] tr[data-code='4.6']");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(new Regex("^–"));

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<RatingService>().SaveAsync(
                session, "4.6", new RatingValues(LevelAnswer.Of(MaturityLevel.Improving), LevelAnswer.DontKnow, null, []), 0, session.Participant.UserId);
            Assert.IsType<SaveOutcome.Saved>(outcome);
        }

        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(new Regex("^4 \\(median\\)"));
        // The facilitator drills down and sees the name behind the new answer.
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("answers").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("answers").Locator("tbody tr td").First).ToHaveTextAsync(session.Participant.Name);
    }

    [Fact]
    public async Task A_leader_downloads_the_baseline_report_from_the_dashboard()
    {
        var page = await fixture.SignInAsync("leader@demoville.example", "demo-leader-2026");
        await page.GotoAsync("/orgs/demoville/assessments");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard: Baseline 2026" }).ClickAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download baseline report" }).ClickAsync());

        Assert.Matches(new Regex(@"^demoville-baseline-2026-baseline-\d{4}-\d{2}-\d{2}\.pdf$"), download.SuggestedFilename);
        var path = await download.PathAsync();
        var header = new byte[5];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(header));
    }

    [Fact]
    public async Task On_a_phone_the_dashboard_does_not_scroll_sideways_and_its_wide_tables_scroll_in_place()
    {
        var page = await fixture.SignInAsync("leader@demoville.example", "demo-leader-2026", new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/orgs/demoville/assessments");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard: Baseline 2026" }).ClickAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(page.GetByTestId("characteristic-figures")).ToBeVisibleAsync();

        var (pageWidth, viewportWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(pageWidth <= viewportWidth, $"the dashboard scrolls sideways: {pageWidth}px wide in a {viewportWidth}px viewport");
        // The wide tables scroll inside their own regions, which the keyboard can reach and scroll.
        foreach (var name in new[] { "Figures per characteristic (scrolls sideways)", "Heatmap of stakeholder groups (scrolls sideways)" })
        {
            var region = page.GetByRole(AriaRole.Region, new() { Name = name });
            await region.FocusAsync();
            await Expect(region).ToBeFocusedAsync();
            Assert.True(await region.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth"), $"{name}: nothing to scroll on a phone");
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(region).Not.ToHaveJSPropertyAsync("scrollLeft", 0);
        }
    }
}
