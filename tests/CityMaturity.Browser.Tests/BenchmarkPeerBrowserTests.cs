using CityMaturity.Domain.Benchmarking;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// Learn-from, a challenge thread, what an administrator chooses to share (ADR 0042), and a challenge on another city's
/// indicator value, on the demo network.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public class BenchmarkPeerBrowserTests(BrowserFixture fixture)
{
    private static async Task OpenPeersAsync(IPage page)
    {
        await page.GotoAsync("/benchmarks");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DemoBenchmarkSeeder.NetworkName }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Learn from peers and challenge threads" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Learn from peers");
        await page.Locator("[data-interactive='true']").WaitForAsync();
    }

    [Fact]
    public async Task A_leader_finds_a_peer_to_learn_from_and_questions_its_score()
    {
        var page = await fixture.SignInAsync("leader@demoville.example", "demo-leader-2026");
        await OpenPeersAsync(page);
        var peer = page.GetByTestId("learn-from-peer").First;
        await Expect(peer.GetByTestId("shared-evidence")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "learn from peers");

        await peer.GetByRole(AriaRole.Button).ClickAsync();
        var question = $"What supports this score? {Guid.NewGuid():N}";
        await page.Locator("#challenge-question").FillAsync(question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the challenge" }).ClickAsync();

        await Expect(page.GetByTestId("peers-message")).ToHaveTextAsync("Challenge opened.");
        var thread = page.GetByTestId("challenge-thread").Filter(new() { HasText = question });
        await Expect(thread.GetByTestId("thread-status")).ToHaveTextAsync("open");
        await Expect(thread.GetByTestId("challenge-post")).ToContainTextAsync("Demoville (you)");
        await Expect(page.GetByTestId("under-challenge").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "challenge thread");
        await Accessibility.AssertFitsAPhoneAsync(page, "challenge thread");

        // Closing asks first (a MudBlazor dialog).
        await thread.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the challenge", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("peers-message")).ToHaveTextAsync("Challenge closed.");
        await Expect(page.GetByTestId("challenge-thread").Filter(new() { HasText = question }).GetByTestId("thread-status")).ToHaveTextAsync("closed");
    }

    [Fact]
    public async Task On_a_360_px_phone_the_peer_page_is_accessible_and_nothing_scrolls_sideways()
    {
        var page = await fixture.SignInAsync("leader@demoville.example", "demo-leader-2026", new ViewportSize { Width = 360, Height = 740 });
        await OpenPeersAsync(page);
        await Expect(page.GetByTestId("learn-from-peer").First).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"the peer page is {overflow} px wider than a 360 px screen");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "learn from peers on a phone");
    }

    [Fact]
    public async Task An_administrator_chooses_the_evidence_and_indicator_years_that_go_out()
    {
        var page = await fixture.SignInAsync("admin@demoville.example", "demo-admin-2026");
        await page.GotoAsync("/orgs/demoville/benchmarking");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var link = page.GetByTestId("sharing-choices-link").First;
        var address = await link.GetAttributeAsync("href");
        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("What Demoville shares with");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "sharing choices");
        await Accessibility.AssertFitsAPhoneAsync(page, "sharing choices");

        var evidence = page.GetByTestId("evidence-choices");
        await evidence.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await evidence.GetByRole(AriaRole.Button, new() { Name = "Share the ticked evidence" }).ClickAsync();
        await Expect(page.GetByTestId("sharing-message")).ToContainTextAsync("shared.");
        await Expect(evidence.GetByRole(AriaRole.Checkbox).First).ToBeCheckedAsync();

        // The demo's Demoville has published indicator values (2022–2024), so the years to share are always offered.
        var years = page.GetByTestId("indicator-years");
        await Expect(years).ToBeVisibleAsync();
        await years.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await years.GetByRole(AriaRole.Button, new() { Name = "Share the chosen years" }).ClickAsync();
        await Expect(page.GetByTestId("sharing-message")).ToContainTextAsync("Shared the indicator values of");
        var networkId = address!.Split('/')[^1];
        await page.GotoAsync($"/benchmarks/{networkId}/indicators");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(page.GetByTestId("indicator-values")).ToContainTextAsync("Demoville (you)");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "indicator values side by side");
        await Accessibility.AssertFitsAPhoneAsync(page, "indicator values side by side");

        // Another member shares a value beside Demoville's (the demo's generated cities share none), and Demoville questions it.
        var value = await ShareAValueAsAnotherMemberAsync(Guid.Parse(networkId));
        await page.ReloadAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        var peerValue = page.GetByTestId("indicator-values").Locator("li", new() { HasText = value });
        var peerName = (await peerValue.Locator("strong").InnerTextAsync()).Trim();
        await peerValue.GetByRole(AriaRole.Button).ClickAsync();
        var question = $"How was this value measured? {Guid.NewGuid():N}";
        await page.Locator("#indicator-question").FillAsync(question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the challenge" }).ClickAsync();
        await Expect(page.GetByTestId("indicators-message")).ToContainTextAsync("Challenge opened.");

        await page.GetByRole(AriaRole.Link, new() { Name = "See the challenge threads" }).ClickAsync();
        var thread = page.GetByTestId("challenge-thread").Filter(new() { HasText = question });
        await Expect(thread.GetByRole(AriaRole.Heading)).ToContainTextAsync($": {peerName}");
        await Expect(thread.GetByTestId("challenged-value")).ToContainTextAsync($"Value {peerName} shares for");
        await Expect(thread.GetByTestId("challenged-value")).ToContainTextAsync(value);
        await Expect(thread.GetByTestId("thread-status")).ToHaveTextAsync("open");
        await Expect(thread.GetByTestId("challenge-post")).ToContainTextAsync("Demoville (you)");
    }

    /// <summary>
    /// Publishes, for another accepted member of the network, a value of the indicator and year of Demoville's first shared
    /// value, in the same unit; returns the value as the page prints it.
    /// </summary>
    private async Task<string> ShareAValueAsAnotherMemberAsync(Guid networkId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var demoville = (await db.Organisations.SingleAsync(o => o.Slug == "demoville")).Id;
        var own = await db.BenchmarkIndicatorValues.Where(v => v.NetworkId == networkId && v.OrganisationId == demoville)
            .OrderBy(v => v.IndicatorCode).ThenBy(v => v.Year).FirstAsync();
        var peer = await db.BenchmarkMembers
            .Where(m => m.NetworkId == networkId && m.Status == MembershipStatus.Accepted && m.OrganisationId != demoville)
            .Where(m => !db.BenchmarkIndicatorValues.Any(v => v.NetworkId == networkId && v.OrganisationId == m.OrganisationId && v.IndicatorCode == own.IndicatorCode && v.Year == own.Year))
            .Select(m => m.OrganisationId).FirstAsync();
        var value = 4321.1234m + Random.Shared.Next(1000);
        db.BenchmarkIndicatorValues.Add(new BenchmarkIndicatorValue
        {
            NetworkId = networkId, OrganisationId = peer, IndicatorCode = own.IndicatorCode, Year = own.Year, Value = value, Unit = own.Unit,
            PublishedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
    }
}
