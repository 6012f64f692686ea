using System.Text.RegularExpressions;
using CityMaturity.Testing;
using Microsoft.Playwright;
using Npgsql;
using static CityMaturity.Browser.Tests.RatingBrowserTests;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// Real outages on real paths (issue 14), each through a <see cref="TcpForwarder"/> the test cuts and restores: the
/// browser's connection to the server, as a reverse proxy or a network in between would lose it, and the app's
/// connection to PostgreSQL, as a database restart or failover does.
/// </summary>
[Collection(OutageBrowserCollection.Name)]
public class ConnectionLossBrowserTests(BrowserFixture fixture)
{
    private static readonly Regex Reconnecting = new("[Rr]econnecting");

    /// <summary>A first request with a long timeout: a cold app on a loaded machine may take longer than a page's 15 s.</summary>
    private static async Task WarmAsync(string address)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(address)).StatusCode);
    }

    [Fact]
    public async Task A_circuit_whose_connection_is_cut_shows_the_reconnect_dialog_and_carries_on_in_the_same_page_once_it_returns()
    {
        await using var cable = TcpForwarder.Start("127.0.0.1", fixture.BaseAddress.Port);
        var throughCable = $"http://127.0.0.1:{cable.Port}/catalogue";
        await WarmAsync(throughCable);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(throughCable, new() { Timeout = 60_000 });
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 60_000 });
        var search = page.GetByLabel("Search titles and criteria");
        await search.FillAsync("digital inclusion");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("match(es)? “digital inclusion”") })).ToBeVisibleAsync();
        // A mark in this document: a reload (a new circuit) would lose it, a reconnect keeps it.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        cable.Cut();
        var dialog = page.Locator("#components-reconnect-modal");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(dialog.Locator("p:visible").First).ToHaveTextAsync(Reconnecting);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the reconnect dialog");

        cable.Restore();
        await Expect(dialog).ToBeHiddenAsync(new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded instead of reconnected");
        await Expect(search).ToHaveValueAsync("digital inclusion");
        // The same circuit answers again: a new search is filtered on the server.
        await search.FillAsync("water");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("match(es)? “water”") })).ToBeVisibleAsync();
        Assert.True(cable.Connections >= 2, "the reconnect did not go through the cable");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task While_the_database_is_away_an_answer_shows_it_will_retry_and_is_stored_once_the_database_returns()
    {
        // A second app on the test database, whose only way to PostgreSQL is the cable.
        var direct = new NpgsqlConnectionStringBuilder(fixture.ConnectionString);
        await using var cable = TcpForwarder.Start(direct.Host is null or "localhost" ? "127.0.0.1" : direct.Host, direct.Port);
        var throughCable = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Host = "127.0.0.1", Port = cable.Port }.ConnectionString;
        await using var app = new CityMaturityFactory(throughCable);
        var address = app.StartKestrel();
        var rater = await OpenAssessmentWithParticipantAsync(fixture.Services, address, $"outage.{Guid.NewGuid():N}@example.org");
        // The second app's first page is a cold start (and proves the cable carries PostgreSQL's protocol).
        await WarmAsync($"{rater.Link}/2.1.1");
        var page = await fixture.NewPageAsync(Phone);
        var saveStatuses = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/save", StringComparison.Ordinal))
            {
                lock (saveStatuses)
                {
                    saveStatuses.Add(response.Status);
                }
            }
        };
        await OpenCardAsync(page, rater.Link, "2.1.1");
        await ChooseAsync(page, "now", "3");

        cable.Cut();
        await page.Locator("label[for='two-years-4']").ClickAsync();
        await Expect(StateOf(page, "two-years")).ToHaveAttributeAsync("data-save-state", "pending");
        await Expect(StateOf(page, "two-years")).ToHaveTextAsync("Not saved yet — will retry");
        await Expect(page.Locator("#rating-save-summary")).ToContainTextAsync("not saved yet — kept on this device, will retry");
        // The server was reached and said the database is away (503), and the page keeps trying.
        int Unavailable()
        {
            lock (saveStatuses)
            {
                return saveStatuses.Count(s => s == 503);
            }
        }

        for (var waited = 0; waited < 300 && Unavailable() == 0; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(Unavailable() >= 1, $"no save answered 503 while the database was away (saves: {string.Join(", ", saveStatuses)})");
        await Expect(StateOf(page, "two-years")).Not.ToHaveAttributeAsync("data-save-state", "saved");
        var whileAway = await StoredAsync(fixture.Services, rater.ParticipantId, "2.1.1");
        Assert.Equal(("3", ""), (whileAway!.LevelNow.Code, whileAway.LevelInTwoYears.Code));

        cable.Restore();
        await Expect(StateOf(page, "two-years")).ToHaveAttributeAsync("data-save-state", "saved", new() { Timeout = 45_000 });
        await Expect(page.Locator("#rating-save-summary")).ToHaveTextAsync("All answers saved");
        var stored = await StoredAsync(fixture.Services, rater.ParticipantId, "2.1.1");
        Assert.Equal(("3", "4"), (stored!.LevelNow.Code, stored.LevelInTwoYears.Code));
        await page.Context.CloseAsync();
    }
}
