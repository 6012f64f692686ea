using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Workshops;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// A moderated workshop end to end: the facilitator's console and presenter view (desktop), three phones (one invited
/// participant by personal link, two walk-ins by code), a round whose votes stay hidden until the reveal, a re-vote, a
/// recorded consensus, and the dashboard scoring the characteristic from it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class WorkshopBrowserTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize NarrowPhone = new() { Width = 360, Height = 740 };

    /// <summary>Live updates travel browser → server → PostgreSQL NOTIFY → server → browser; give them room on a slow machine.</summary>
    private const float Live = 10_000;

    /// <summary>Demo participant of the open review (group "Wider public sector") who rated the first characteristics before.</summary>
    private const string InvitedName = "Hugo Novak";

    private readonly ConcurrentQueue<string> _browserErrors = new();

    /// <summary>
    /// With CITYMATURITY_SCREENSHOTS set to a folder (an absolute path: tests run in their output folder), the screens are
    /// saved as the user guide shows them (docs/images); otherwise nothing is written.
    /// </summary>
    private static async Task SaveScreenshotsAsync(params (string File, IPage Page)[] shots)
    {
        if (Environment.GetEnvironmentVariable("CITYMATURITY_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        foreach (var (file, page) in shots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), FullPage = true });
        }
    }

    [Fact]
    public async Task Three_phones_vote_hidden_until_the_reveal_re_vote_and_the_recorded_consensus_becomes_the_score()
    {
        // The facilitator opens the demo review and makes a personal link for an invited participant.
        var console = Track(await fixture.SignInAsync(AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password), "console");
        await console.GotoAsync("/orgs/demoville/assessments");
        await console.Locator("[data-interactive='true']").WaitForAsync();
        await console.GetByRole(AriaRole.Link, new() { Name = DemoAssessmentSeeder.OpenAssessmentName, Exact = true }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoAssessmentSeeder.OpenAssessmentName);
        var manageUrl = console.Url;
        await console.GetByRole(AriaRole.Button, new() { Name = $"Send new link to {InvitedName}" }).ClickAsync();
        var invitedLink = (await console.GetByTestId("participant-link").InnerTextAsync()).Trim();
        Assert.Contains("/rate/", invitedLink, StringComparison.Ordinal);

        // … starts a workshop that lets walk-ins in.
        await console.GetByRole(AriaRole.Link, new() { Name = "Moderated workshops" }).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Moderated workshops");
        await console.GetByLabel("Let people without an invitation join").CheckAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Start the workshop" }).ClickAsync();
        await Expect(console).ToHaveURLAsync(new Regex("/workshops/[0-9a-f-]{36}$"));
        await Expect(console.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Workshop console");
        var joinCode = console.GetByTestId("join-code");
        await Expect(joinCode).ToHaveTextAsync(new Regex("^[A-Z0-9]{3} [A-Z0-9]{3}$"));
        var displayedCode = (await joinCode.InnerTextAsync()).Trim();
        await Expect(console.GetByTestId("current-characteristic")).ToContainTextAsync("1.1.1");
        await Expect(console.GetByText("walk-ins allowed")).ToBeVisibleAsync();
        var consoleUrl = console.Url;
        var dashboardUrl = manageUrl + "/dashboard";

        // The projector follows, on the facilitator's second screen (its own browser: a second tab of the console's
        // would run in the background, where chromium throttles the console's animation frames).
        var presenter = Track(await fixture.SignInAsync(AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password), "presenter");
        await presenter.GotoAsync(consoleUrl + "/present");
        await presenter.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(presenter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("1.1.1");

        // Phone 1: the invited participant, from the banner on their rating page.
        var invited = Track(await fixture.NewPageAsync(Phone), "invited phone");
        await invited.GotoAsync(invitedLink);
        await invited.Locator("#rating-bar").WaitForAsync(); // the rating page is plain (ADR 0022): its script has drawn the page
        var banner = invited.GetByTestId("join-live-workshop");
        await Expect(banner).ToBeVisibleAsync();
        await banner.ClickAsync();
        await Expect(invited).ToHaveURLAsync(new Regex($"/w/{displayedCode.Replace(" ", "", StringComparison.Ordinal)}\\?invite="));
        await invited.GetByRole(AriaRole.Button, new() { Name = $"Join as {InvitedName}" }).ClickAsync();
        await ExpectInRoomAsync(invited, InvitedName, "Wider public sector");

        // Phones 2 and 3: walk-ins who type the code (as people do: lower case, with the space).
        var citizen = Track(await fixture.NewPageAsync(Phone), "walk-in phone");
        await JoinAsWalkInAsync(citizen, displayedCode.ToLowerInvariant(), "Amira Walk-in", "Citizens");
        var business = Track(await fixture.NewPageAsync(NarrowPhone), "narrow walk-in phone");
        await JoinAsWalkInAsync(business, displayedCode, "Bo Walk-in", "Private sector");
        var phones = new[] { invited, citizen, business };

        await Expect(console.GetByTestId("attendee-count")).ToHaveTextAsync("3", new() { Timeout = Live });
        await Expect(presenter.GetByText("3 in the room")).ToBeVisibleAsync(new() { Timeout = Live });
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-phase")).ToHaveTextAsync("Waiting for the facilitator to open the vote…");
            await Expect(phone.Locator("#room-vote")).ToBeHiddenAsync();
        }

        // Round 1: open, three votes counted live, nothing revealed anywhere.
        await ClickConsoleAsync(console, "Open voting");
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Round 1" })).ToBeVisibleAsync();
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("0 of 3 have voted");
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-phase")).ToHaveTextAsync("Vote now — you can change your vote until it closes.", new() { Timeout = Live });
            await Expect(phone.Locator("#room-ack")).ToHaveTextAsync("You have not voted in this round yet.");
        }

        await AssertNoHorizontalScrollAsync(business);
        await VoteAsync(invited, "2", "3");
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("1 of 3 have voted", new() { Timeout = Live });
        await VoteAsync(citizen, "3", "4");
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("2 of 3 have voted", new() { Timeout = Live });
        await VoteAsync(business, "3", "DK");
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("3 of 3 have voted", new() { Timeout = Live });
        await Expect(presenter.GetByTestId("presenter-count")).ToHaveTextAsync("Voting is open — 3 voted", new() { Timeout = Live });
        await AssertVotesHiddenAsync(console, presenter, phones);

        // A phone changes its mind while the round is open: still three votes, still nothing shown.
        await business.Locator(".vote-button[data-view='inTwoYears'][data-answer='4']").ClickAsync();
        await Expect(business.Locator("#room-ack")).ToHaveTextAsync("Vote received ✓ (now 3, in 2 years 4)");
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("3 of 3 have voted");
        await business.Locator(".vote-button[data-view='inTwoYears'][data-answer='DK']").ClickAsync();
        await Expect(business.Locator("#room-ack")).ToHaveTextAsync("Vote received ✓ (now 3, in 2 years don't know)");
        await SaveScreenshotsAsync(("workshop-phone-vote.png", business));

        await ClickConsoleAsync(console, "Close voting");
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("3 voted. Voting is closed; the answers are still hidden.");
        await Expect(presenter.GetByTestId("presenter-count")).ToHaveTextAsync("Voting closed — 3 votes", new() { Timeout = Live });
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-phase")).ToHaveTextAsync("Voting has closed. Waiting for the reveal…", new() { Timeout = Live });
            await Expect(phone.Locator("#room-vote")).ToBeHiddenAsync();
        }

        await AssertVotesHiddenAsync(console, presenter, phones);

        // The reveal: now 2, 3, 3; in two years 3, 4 and one don't know.
        await ClickConsoleAsync(console, "Reveal");
        string[] round1Now = ["0", "1", "2", "0", "0", "0"];
        string[] round1InTwoYears = ["0", "0", "1", "1", "0", "1"];
        await ExpectFiguresAsync(console.GetByTestId("reveal"), round1Now, round1InTwoYears);
        await Expect(console.GetByTestId("reveal").Locator("caption").First).ToHaveTextAsync("Level now — 3 answers");
        await ExpectFiguresAsync(presenter.GetByTestId("presenter-reveal"), round1Now, round1InTwoYears);
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-phase")).ToHaveTextAsync("Round 1 revealed.", new() { Timeout = Live });
            await ExpectFiguresAsync(phone.Locator("#room-results"), round1Now, round1InTwoYears);
        }

        await AssertNoHorizontalScrollAsync(business);
        await SaveScreenshotsAsync(("workshop-console.png", console), ("workshop-presenter.png", presenter), ("workshop-phone.png", citizen));
        // The console proposes a consensus from the revealed medians: now 3; in two years 3.5 is left for the room.
        await Expect(console.Locator("#consensus-now")).ToHaveValueAsync("3 · Fulfilled");
        await Expect(console.Locator("#consensus-two-years")).ToHaveValueAsync("— none —");

        // The timer is a MudBlazor select named by its label; the keyboard opens and closes it without a change.
        var timer = console.Locator("#timer");
        await Expect(timer).ToHaveAccessibleNameAsync("Timer");
        await Expect(timer).ToHaveValueAsync("No timer");
        await timer.FocusAsync();
        await console.Keyboard.PressAsync("Enter");
        await Expect(console.Locator(".mud-popover-open")).ToBeVisibleAsync();
        await Expect(console.Locator(".mud-popover-open")).ToContainTextAsync("1.5 min");
        await console.Keyboard.PressAsync("Escape");
        await Expect(console.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(timer).ToHaveValueAsync("No timer");

        // Round 2: the re-vote. The citizen votes from the keyboard alone.
        await ClickConsoleAsync(console, "Re-vote");
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Round 2" })).ToBeVisibleAsync();
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("0 of 3 have voted");
        await Expect(console.GetByTestId("reveal")).ToHaveCountAsync(0);
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-phase")).ToHaveTextAsync("Re-vote (round 2) — change your vote until it closes.", new() { Timeout = Live });
            await Expect(phone.Locator("#room-results")).ToBeHiddenAsync();
            await Expect(phone.Locator("#room-ack")).ToHaveTextAsync("You have not voted in this round yet.");
            await Expect(phone.Locator(".vote-button[aria-pressed='true']")).ToHaveCountAsync(0);
        }

        await VoteAsync(invited, "3", "4");
        await VoteByKeyboardAsync(citizen, "3", "4");
        await VoteAsync(business, "3", "4");
        await Expect(console.GetByTestId("vote-count")).ToHaveTextAsync("3 of 3 have voted", new() { Timeout = Live });
        await Expect(presenter.GetByTestId("presenter-count")).ToHaveTextAsync("Voting is open — 3 voted", new() { Timeout = Live });
        await AssertVotesHiddenAsync(console, presenter, phones);

        await ClickConsoleAsync(console, "Close voting");
        await Expect(console.GetByTestId("vote-count")).ToContainTextAsync("3 voted.");
        await ClickConsoleAsync(console, "Reveal");
        string[] round2Now = ["0", "0", "3", "0", "0", "0"];
        string[] round2InTwoYears = ["0", "0", "0", "3", "0", "0"];
        await ExpectFiguresAsync(console.GetByTestId("reveal"), round2Now, round2InTwoYears);
        await ExpectFiguresAsync(presenter.GetByTestId("presenter-reveal"), round2Now, round2InTwoYears);
        foreach (var phone in phones)
        {
            await ExpectFiguresAsync(phone.Locator("#room-results"), round2Now, round2InTwoYears);
        }

        var rounds = console.GetByRole(AriaRole.Table, new() { Name = "Rounds on this characteristic" });
        await Expect(rounds.Locator("tbody tr")).ToHaveCountAsync(2);
        // Round 2: 3 votes, median now 3 (IQR 0), median in 2 years 4 (IQR 0).
        await Expect(rounds.Locator("tbody tr").Nth(1).Locator("th, td")).ToHaveTextAsync(["2", "3", "3", "0", "4", "0"]);

        // The consensus: the form proposes the new round's medians; the facilitator confirms them and gives the rationale.
        var levelNow = console.Locator("#consensus-now");
        var levelInTwoYears = console.Locator("#consensus-two-years");
        var rationale = console.Locator("#consensus-rationale");
        await Expect(levelNow).ToHaveValueAsync("3 · Fulfilled");
        await Expect(levelNow).ToHaveAccessibleNameAsync("Consensus level now");
        await Expect(levelInTwoYears).ToHaveValueAsync("4 · Improving");
        await Expect(rationale).ToHaveAccessibleNameAsync("Rationale");
        // A level without its rationale is refused before anything is sent: the validator's message sits under the field
        // (and describes it), and the form keeps what the facilitator chose — with the keyboard only.
        await ChooseByKeyboardAsync(console, levelInTwoYears, "ArrowDown");
        await Expect(levelInTwoYears).ToHaveValueAsync("5 · Sustainably optimising");
        await ClickConsoleAsync(console, "Record consensus");
        await Expect(console.Locator("#consensus-rationale-error")).ToHaveTextAsync(WorkshopRules.RationaleMissing);
        await Expect(rationale).ToHaveAccessibleDescriptionAsync(WorkshopRules.RationaleMissing);
        await Expect(console.GetByTestId("current-decision")).ToHaveCountAsync(0);
        await Expect(levelNow).ToHaveValueAsync("3 · Fulfilled");
        await Expect(levelInTwoYears).ToHaveValueAsync("5 · Sustainably optimising");
        await AssertConsoleAccessibleAtBothWidthsAsync(console, "the console with a refused consensus");
        await ChooseByKeyboardAsync(console, levelInTwoYears, "ArrowUp");
        await Expect(levelInTwoYears).ToHaveValueAsync("4 · Improving");
        await rationale.FillAsync("The strategy exists and is funded; the room agreed after the second round.");
        await ClickConsoleAsync(console, "Record consensus");
        var decision = console.GetByTestId("current-decision");
        await Expect(decision).ToContainTextAsync("Recorded: level now 3, in 2 years 4.");
        await Expect(decision).ToContainTextAsync("the room agreed after the second round");
        await Expect(console.Locator("#consensus-rationale-error")).ToHaveCountAsync(0);
        await Expect(console.Locator(".mud-snackbar").Filter(new() { HasText = "Consensus on 1.1.1 saved." })).ToBeVisibleAsync();
        await Expect(console.GetByRole(AriaRole.Navigation, new() { Name = "Agenda" }).Locator("li").First).ToContainTextAsync("✓ consensus");
        await Expect(presenter.GetByTestId("presenter-decision")).ToHaveTextAsync("Consensus: level now 3, in 2 years 4.", new() { Timeout = Live });
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-decision")).ToHaveTextAsync("Consensus recorded: level now 3, in 2 years 4.", new() { Timeout = Live });
        }

        Assert.Empty(_browserErrors);

        // The dashboard scores 1.1.1 from the consensus, in both views.
        await console.GotoAsync(dashboardUrl);
        await console.Locator("[data-interactive='true']").WaitForAsync();
        var row = console.Locator("[data-testid='characteristic-figures'] tr[data-code='1.1.1']");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("3 (consensus)");
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync(new Regex(@"^4 \(consensus\)"));

        // Ending the workshop tells the phones so, and leaves the demo review without a live workshop.
        await console.GotoAsync(consoleUrl);
        await console.Locator("[data-interactive='true']").WaitForAsync();
        await ClickConsoleAsync(console, "End workshop…");
        await ClickConsoleAsync(console, "Yes, end the workshop");
        await Expect(console.GetByTestId("workshop-status")).ToHaveTextAsync("Ended");
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-phase")).ToHaveTextAsync("The workshop has ended. Thank you!", new() { Timeout = Live });
        }

        await invited.GotoAsync(invitedLink);
        await invited.Locator("#rating-bar").WaitForAsync(); // the rating page is plain (ADR 0022): its script has drawn the page
        await Expect(invited.GetByTestId("join-live-workshop")).ToHaveCountAsync(0);
        Assert.Empty(_browserErrors);
    }

    /// <summary>Opens a MudBlazor select with Enter, moves one item with <paramref name="arrow"/> and chooses it with Enter.</summary>
    private static async Task ChooseByKeyboardAsync(IPage page, ILocator select, string arrow)
    {
        await select.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-popover-open")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync(arrow);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>axe-core on the console at the laptop width it runs at, then at a phone's (and back).</summary>
    private static async Task AssertConsoleAccessibleAtBothWidthsAsync(IPage console, string where)
    {
        var (width, height) = (console.ViewportSize!.Width, console.ViewportSize.Height);
        await Accessibility.AssertNoSeriousViolationsAsync(console, $"{where} at {width} px");
        await console.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Accessibility.AssertNoSeriousViolationsAsync(console, $"{where} at {Phone.Width} px");
        await console.SetViewportSizeAsync(width, height);
    }

    /// <summary>Collects a page's browser errors (console errors and uncaught exceptions) for the final check.</summary>
    private IPage Track(IPage page, string name)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _browserErrors.Enqueue($"{name}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _browserErrors.Enqueue($"{name}: {error}");
        return page;
    }

    private static async Task JoinAsWalkInAsync(IPage phone, string typedCode, string name, string group)
    {
        await phone.GotoAsync("/w");
        await phone.GetByLabel("Code on the screen").FillAsync(typedCode);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join the workshop");
        await AssertNoHorizontalScrollAsync(phone);
        await phone.GetByLabel("Your name").FillAsync(name);
        await phone.GetByLabel("You speak for").SelectOptionAsync(new SelectOptionValue { Label = group });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await ExpectInRoomAsync(phone, name, group);
    }

    private static async Task ExpectInRoomAsync(IPage phone, string name, string group)
    {
        await Expect(phone.GetByTestId("room")).ToBeVisibleAsync();
        await Expect(phone.Locator(".room-who")).ToHaveTextAsync($"You: {name} · {group}");
        await Expect(phone.Locator("#room-position")).ToHaveTextAsync(new Regex(@"^Characteristic 1 of 32 · 1\.1\.1$"), new() { Timeout = Live });
    }

    private static async Task ClickConsoleAsync(IPage console, string button) =>
        await console.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    private static ILocator VoteButton(IPage phone, string view, string answer) =>
        phone.Locator($".vote-button[data-view='{view}'][data-answer='{answer}']");

    private static async Task VoteAsync(IPage phone, string now, string inTwoYears)
    {
        await VoteButton(phone, "now", now).ClickAsync();
        await VoteButton(phone, "inTwoYears", inTwoYears).ClickAsync();
        await ExpectAcknowledgedAsync(phone, now, inTwoYears);
    }

    /// <summary>Tabs to each answer and presses it: the vote buttons are real, focusable buttons.</summary>
    private static async Task VoteByKeyboardAsync(IPage phone, string now, string inTwoYears)
    {
        await phone.Locator("body").FocusAsync();
        foreach (var (view, answer, key) in new[] { ("now", now, "Enter"), ("inTwoYears", inTwoYears, "Space") })
        {
            var reached = false;
            for (var presses = 0; presses < 40 && !reached; presses++)
            {
                await phone.Keyboard.PressAsync("Tab");
                reached = await phone.EvaluateAsync<bool>(
                    "([view, answer]) => document.activeElement?.matches(`.vote-button[data-view='${view}'][data-answer='${answer}']`) ?? false",
                    new[] { view, answer });
            }

            Assert.True(reached, $"Tab never reached the vote button {view} {answer}");
            await phone.Keyboard.PressAsync(key);
            await Expect(VoteButton(phone, view, answer)).ToHaveAttributeAsync("aria-pressed", "true");
        }

        await ExpectAcknowledgedAsync(phone, now, inTwoYears);
    }

    private static async Task ExpectAcknowledgedAsync(IPage phone, string now, string inTwoYears)
    {
        static string Said(string answer) => answer == "DK" ? "don't know" : answer;
        await Expect(phone.Locator("#room-ack")).ToHaveTextAsync($"Vote received ✓ (now {Said(now)}, in 2 years {Said(inTwoYears)})", new() { Timeout = Live });
        await Expect(VoteButton(phone, "now", now)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(VoteButton(phone, "inTwoYears", inTwoYears)).ToHaveAttributeAsync("aria-pressed", "true");
    }

    /// <summary>Before the reveal no screen shows a vote value, and the phones' state carries no results.</summary>
    private static async Task AssertVotesHiddenAsync(IPage console, IPage presenter, IEnumerable<IPage> phones)
    {
        await Expect(console.GetByTestId("reveal")).ToHaveCountAsync(0);
        await Expect(presenter.GetByTestId("presenter-reveal")).ToHaveCountAsync(0);
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#room-results")).ToBeHiddenAsync();
            await Expect(phone.Locator("#room-results-body")).ToBeEmptyAsync();
            var state = await phone.EvaluateAsync<bool>("async () => (await (await fetch(location.pathname + '/state', { cache: 'no-store' })).json()).results == null");
            Assert.True(state, "the phone's state must hold no results before the reveal");
        }
    }

    /// <summary>The six counts (levels 1–5, don't know) of each view, in the console's, presenter's and phones' reveal.</summary>
    private static async Task ExpectFiguresAsync(ILocator reveal, string[] now, string[] inTwoYears)
    {
        await Expect(reveal).ToBeVisibleAsync(new() { Timeout = Live });
        var views = reveal.Locator(".result-view");
        await Expect(views).ToHaveCountAsync(2);
        await Expect(views.Nth(0).Locator("table.result-bars td")).ToHaveTextAsync(now, new() { Timeout = Live });
        await Expect(views.Nth(1).Locator("table.result-bars td")).ToHaveTextAsync(inTwoYears, new() { Timeout = Live });
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage phone)
    {
        var (scrollWidth, viewportWidth) = (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth"), await phone.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scrollWidth <= viewportWidth, $"the phone page scrolls sideways: {scrollWidth}px wide in a {viewportWidth}px viewport");
    }
}
