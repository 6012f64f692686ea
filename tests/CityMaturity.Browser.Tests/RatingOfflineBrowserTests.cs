using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CityMaturity.Browser.Tests.RatingBrowserTests;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// The promise of the rating page (issue 13, ADR 0022): every answer the screen calls saved is in the database, every
/// other one says it is not saved yet and is sent when the connection returns, and a fresh tab agrees. The connection
/// is cut with the browser's offline switch around a choice and around a comment, and by stopping the app process.
/// </summary>
[Collection(OutageBrowserCollection.Name)]
public class RatingOfflineBrowserTests(BrowserFixture fixture)
{
    private static readonly string[] Views = ["now", "two-years", "comment"];

    /// <summary>Whatever the screen calls saved is stored; returns the views it shows as waiting.</summary>
    private async Task<List<string>> AssertSavedMeansStoredAsync(IPage page, Guid participantId, string code)
    {
        // The screen is read before the database: "saved" appears only after the server committed, so a database
        // read that follows sees everything the screen called saved (read the other way round, an acknowledgement
        // arriving between the two reads would look like a lie).
        var screen = new List<(string View, string? State, string OnScreen)>();
        foreach (var view in Views)
        {
            var state = await StateOf(page, view).GetAttributeAsync("data-save-state");
            var onScreen = view == "comment"
                ? await page.Locator("#comment").InputValueAsync()
                : await page.Locator($"input[name='{view}']:checked").CountAsync() == 0 ? "" : await page.Locator($"input[name='{view}']:checked").GetAttributeAsync("value") ?? "";
            screen.Add((view, state, onScreen));
        }

        var stored = await StoredAsync(fixture.Services, participantId, code);
        var waiting = new List<string>();
        foreach (var (view, state, onScreen) in screen)
        {
            var inDatabase = view switch
            {
                "now" => stored?.LevelNow.Code ?? "",
                "two-years" => stored?.LevelInTwoYears.Code ?? "",
                _ => stored?.Comment ?? "",
            };
            if (state == "saved")
            {
                Assert.Equal(onScreen, inDatabase);
            }
            else if (onScreen != inDatabase)
            {
                // Not stored: then the screen must say so, next to the answer.
                Assert.Contains(state, new[] { "pending", "saving" });
                await Expect(StateOf(page, view)).ToContainTextAsync(state == "pending" ? "Not saved yet" : "Saving");
                waiting.Add(view);
            }
        }

        return waiting;
    }

    /// <remarks>
    /// Offline for 5 s (before the page's retries reach their 10 s ceiling), 35 s (on the ceiling) and 120 s, with the
    /// connection lost around a choice and around a comment. The six devices run side by side, each in a browser
    /// context of its own with its own connection switch, so the test waits as long as the longest outage, not the
    /// sum of all six.
    /// </remarks>
    [Fact]
    public async Task Answers_given_around_a_lost_connection_are_stored_once_it_returns_and_never_called_saved_before()
    {
        var outages = new[] { (120, "choice"), (120, "comment"), (35, "choice"), (35, "comment"), (5, "choice"), (5, "comment") };
        var failures = await Task.WhenAll(outages.Select(async outage =>
        {
            var (seconds, around) = outage;
            try
            {
                await LoseTheConnectionAsync(seconds, around);
                return null;
            }
            catch (Exception failure)
            {
                return $"Offline {seconds} s around a {around}: {failure.Message}";
            }
        }));

        Assert.True(failures.All(failure => failure is null), string.Join("\n\n", failures.OfType<string>()));
    }

    private async Task LoseTheConnectionAsync(int seconds, string around)
    {
        var rater = await OpenAssessmentWithParticipantAsync(fixture.Services, fixture.BaseAddress, $"train.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(page, rater.Link, "3.2.1");
        await page.GetByText("Comment and evidence (optional)").ClickAsync();

        if (around == "choice")
        {
            // The connection drops as the choice is made: its request may or may not get out.
            await page.Locator("label[for='now-2']").ClickAsync();
            await page.Context.SetOfflineAsync(true);
            await page.Locator("label[for='two-years-4']").ClickAsync();
            await page.Locator("#comment").FillAsync("Written on the train");
            await page.Locator("#comment").BlurAsync();
        }
        else
        {
            // The connection drops while the comment is being typed, before the pause that sends it.
            await page.Locator("#comment").PressSequentiallyAsync("Written on the");
            await page.Context.SetOfflineAsync(true);
            await page.Locator("#comment").PressSequentiallyAsync(" train");
            await page.Locator("#comment").BlurAsync();
            await page.Locator("label[for='now-2']").ClickAsync();
            await page.Locator("label[for='two-years-4']").ClickAsync();
        }

        await Expect(StateOf(page, "two-years")).ToHaveAttributeAsync("data-save-state", "pending");
        await Expect(page.Locator("#rating-save-summary")).ToContainTextAsync("not saved yet");
        await Expect(page.Locator("#rating-connection")).ToContainTextAsync("No connection");
        Assert.Contains("two-years", await AssertSavedMeansStoredAsync(page, rater.ParticipantId, "3.2.1"));

        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Assert.Contains("two-years", await AssertSavedMeansStoredAsync(page, rater.ParticipantId, "3.2.1"));

        await page.Context.SetOfflineAsync(false);
        foreach (var view in Views)
        {
            await Expect(StateOf(page, view)).ToHaveAttributeAsync("data-save-state", "saved", new() { Timeout = 30_000 });
        }

        await Expect(page.Locator("#rating-save-summary")).ToHaveTextAsync("All answers saved");
        Assert.Empty(await AssertSavedMeansStoredAsync(page, rater.ParticipantId, "3.2.1"));
        var stored = await StoredAsync(fixture.Services, rater.ParticipantId, "3.2.1");
        Assert.Equal(("2", "4", "Written on the train"), (stored!.LevelNow.Code, stored.LevelInTwoYears.Code, stored.Comment));

        var fresh = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(fresh, rater.Link, "3.2.1");
        await Expect(fresh.Locator("#now-2")).ToBeCheckedAsync();
        await Expect(fresh.Locator("#two-years-4")).ToBeCheckedAsync();
        await Expect(fresh.Locator("#comment")).ToHaveValueAsync("Written on the train");
        await page.Context.CloseAsync();
        await fresh.Context.CloseAsync();
    }

    [Fact]
    public async Task Answers_waiting_under_a_link_that_a_reminder_replaced_are_sent_from_the_new_link()
    {
        var rater = await OpenAssessmentWithParticipantAsync(fixture.Services, fixture.BaseAddress, $"reminded.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(page, rater.Link, "1.3.1");
        await page.Context.SetOfflineAsync(true);
        await page.Locator("label[for='now-4']").ClickAsync();
        await Expect(StateOf(page, "now")).ToHaveAttributeAsync("data-save-state", "pending");

        string newLink;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            newLink = await scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Assessments.AssessmentService>()
                .SendLinkAsync(rater.AssessmentId, rater.ParticipantId, fixture.BaseAddress, reminder: true);
        }

        await page.Context.SetOfflineAsync(false);
        await Expect(page.Locator("#rating-connection")).ToContainTextAsync("does not work");
        await Expect(StateOf(page, "now")).ToHaveAttributeAsync("data-save-state", "pending");
        Assert.Null(await StoredAsync(fixture.Services, rater.ParticipantId, "1.3.1"));

        // The same device opens the fresh link from the reminder: the waiting answer goes out from there.
        var fromReminder = await page.Context.NewPageAsync();
        await OpenCardAsync(fromReminder, newLink, "1.3.1");
        await Expect(fromReminder.Locator("#now-4")).ToBeCheckedAsync();
        await Expect(StateOf(fromReminder, "now")).ToHaveAttributeAsync("data-save-state", "saved", new() { Timeout = 15_000 });
        Assert.Equal("4", (await StoredAsync(fixture.Services, rater.ParticipantId, "1.3.1"))!.LevelNow.Code);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Answers_given_while_the_app_restarts_are_stored_when_it_is_back()
    {
        var rater = await OpenAssessmentWithParticipantAsync(fixture.Services, fixture.BaseAddress, $"restart.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(page, rater.Link, "2.2.1");
        await ChooseAsync(page, "now", "1");

        await page.Locator("label[for='now-3']").ClickAsync();
        await fixture.StopAppAsync();
        try
        {
            await page.Locator("label[for='two-years-5']").ClickAsync();
            await Expect(StateOf(page, "two-years")).ToHaveAttributeAsync("data-save-state", "pending");
            await Expect(page.Locator("#rating-save-summary")).ToContainTextAsync("not saved yet");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            fixture.StartAppAgain();
        }

        foreach (var view in new[] { "now", "two-years" })
        {
            await Expect(StateOf(page, view)).ToHaveAttributeAsync("data-save-state", "saved", new() { Timeout = 30_000 });
        }

        Assert.Empty(await AssertSavedMeansStoredAsync(page, rater.ParticipantId, "2.2.1"));
        var stored = await StoredAsync(fixture.Services, rater.ParticipantId, "2.2.1");
        Assert.Equal(("3", "5"), (stored!.LevelNow.Code, stored.LevelInTwoYears.Code));

        var fresh = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(fresh, rater.Link, "2.2.1");
        await Expect(fresh.Locator("#now-3")).ToBeCheckedAsync();
        await Expect(fresh.Locator("#two-years-5")).ToBeCheckedAsync();
    }
}
