using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>The rating page by personal link (a plain page with rating.js, ADR 0022), driven as participants use it.</summary>
[Collection(BrowserCollection.Name)]
public class RatingBrowserTests(BrowserFixture fixture)
{
    internal static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    internal static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    internal sealed record Rater(Guid AssessmentId, Guid ParticipantId, string Link, string Slug);

    /// <summary>An open assessment of Demoville with one outside participant, whose personal link is returned.</summary>
    internal static async Task<Rater> OpenAssessmentWithParticipantAsync(IServiceProvider root, Uri baseAddress, string email)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var city = await db.Organisations.SingleAsync(o => o.Name == AccountSeeder.DemoCityName);
        var assessments = services.GetRequiredService<AssessmentService>();
        var catalogue = services.GetRequiredService<MaturityCatalogue>();
        var assessment = await assessments.CreateAsync(city.Id,
            new NewAssessment($"Browser test {Guid.NewGuid():N}"[..24], "Demoville", "baseline-review", AssessmentMethod.MultiStakeholder,
                [.. catalogue.Characteristics.Select(c => c.Code)], new DateOnly(2031, 3, 15)), null);
        var groups = (await assessments.OverviewAsync(assessment.Id)).Groups;
        var participant = await assessments.AddParticipantAsync(assessment.Id, "Zoë Phone", email, groups[3].Id);
        await assessments.MoveToAsync(assessment.Id, AssessmentStatus.Open);
        var link = await assessments.SendLinkAsync(assessment.Id, participant.Id, baseAddress, reminder: false);
        return new Rater(assessment.Id, participant.Id, link, city.Slug);
    }

    private Task<Rater> NewRaterAsync(string who) => OpenAssessmentWithParticipantAsync(fixture.Services, fixture.BaseAddress, $"{who}.{Guid.NewGuid():N}@example.org");

    internal static async Task<Rating?> StoredAsync(IServiceProvider services, Guid participantId, string code)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.ParticipantId == participantId && r.CharacteristicCode == code);
    }

    private async Task<int> AuditRowsAsync(Guid participantId, string code)
    {
        await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await db.RatingChanges.CountAsync(c => c.ParticipantId == participantId && c.CharacteristicCode == code);
    }

    /// <summary>Opens the link on a characteristic's own address and waits until the script has drawn its card.</summary>
    internal static async Task OpenCardAsync(IPage page, string link, string code)
    {
        await page.GotoAsync($"{link}/{code}");
        await Expect(page.Locator($".rating-card[data-characteristic='{code}']")).ToBeVisibleAsync();
    }

    internal static ILocator StateOf(IPage page, string view) => page.Locator($"#{view}-state");

    internal static async Task ChooseAsync(IPage page, string view, string answer)
    {
        await page.Locator($"label[for='{view}-{answer.ToLowerInvariant()}']").ClickAsync();
        await Expect(StateOf(page, view)).ToHaveAttributeAsync("data-save-state", "saved");
    }

    private static Task<bool> HeadingHasFocusAsync(IPage page) => page.EvaluateAsync<bool>("() => document.activeElement && document.activeElement.id === 'rating-heading'");

    [Fact]
    public async Task A_participant_is_welcomed_rates_on_a_phone_and_finds_every_answer_again_in_a_fresh_tab()
    {
        var rater = await NewRaterAsync("zoe");
        var page = await fixture.NewPageAsync(Phone);
        await page.GotoAsync(rater.Link);

        // The welcome: what, why, by when, how long, how to answer, "don't know", saved as you go, who sees what.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/welcome$"));
        var welcome = page.Locator("#rating-view");
        await Expect(welcome.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Rate Demoville");
        await Expect(welcome).ToContainTextAsync("Baseline review", new() { IgnoreCase = true });
        await Expect(welcome).ToContainTextAsync("2031");
        await Expect(welcome).ToContainTextAsync("minutes");
        await Expect(welcome).ToContainTextAsync("Don’t know");
        await Expect(welcome).ToContainTextAsync("saved as you go");
        await Expect(welcome).ToContainTextAsync("Who sees what");
        await Expect(welcome).Not.ToContainTextAsync("null");
        // Participants by link have no account: no sign-in link anywhere.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Start →" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/1\\.1\\.1$"));
        Assert.True(await HeadingHasFocusAsync(page), "after Start, focus is on the characteristic's heading");

        // Compact: both questions within the first screen and a half, the criteria printed once.
        var later = await page.Locator("fieldset[data-view='inTwoYears']").BoundingBoxAsync();
        Assert.True(later!.Y + later.Height <= Phone.Height * 1.5, $"'in two years' ends at {later.Y + later.Height}px");
        var firstCriterion = CriterionOf("1.1.1")[..40];
        await Expect(page.GetByText(firstCriterion)).ToHaveCountAsync(1);
        await page.Locator(".rating-level summary").First.ClickAsync();
        await Expect(page.GetByText(firstCriterion)).ToBeVisibleAsync();
        await Expect(page.Locator(".rating-bar")).ToBeInViewportAsync();

        await ChooseAsync(page, "now", "3");
        await Expect(page.Locator("#rating-progress-label")).ToContainTextAsync("1 of 64 answers");
        await ChooseAsync(page, "two-years", "DK");
        await Expect(page.Locator("#rating-progress-label")).ToContainTextAsync("2 of 64 answers · 1 of 32 characteristics complete");
        await Expect(page.Locator("#rating-save-summary")).ToHaveTextAsync("All answers saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next →" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/1\\.1\\.2$"));
        Assert.True(await HeadingHasFocusAsync(page), "after Next, focus is on the new characteristic's heading");
        await ChooseAsync(page, "now", "2");
        await Expect(page.Locator("#rating-progress-label")).ToContainTextAsync("3 of 64 answers");

        // Back and Forward follow the addresses; reload comes back to the same card.
        await page.GoBackAsync();
        await Expect(page.Locator(".rating-card")).ToHaveAttributeAsync("data-characteristic", "1.1.1");
        await Expect(page.Locator("#now-3")).ToBeCheckedAsync();
        await Expect(page.Locator("#two-years-dk")).ToBeCheckedAsync();
        await page.GoForwardAsync();
        await Expect(page.Locator(".rating-card")).ToHaveAttributeAsync("data-characteristic", "1.1.2");
        await page.ReloadAsync();
        await Expect(page.Locator("#now-2")).ToBeCheckedAsync();

        Assert.Equal("3", (await StoredAsync(fixture.Services, rater.ParticipantId, "1.1.1"))!.LevelNow.Code);
        Assert.Equal("DK", (await StoredAsync(fixture.Services, rater.ParticipantId, "1.1.1"))!.LevelInTwoYears.Code);
        Assert.Equal("2", (await StoredAsync(fixture.Services, rater.ParticipantId, "1.1.2"))!.LevelNow.Code);

        // Resume by the same link in a fresh tab: straight to the first characteristic still missing an answer.
        var fresh = await fixture.NewPageAsync(Phone);
        await fresh.GotoAsync(rater.Link);
        await Expect(fresh.Locator(".rating-card")).ToHaveAttributeAsync("data-characteristic", "1.1.2");
        await Expect(fresh.Locator("#now-2")).ToBeCheckedAsync();
        await Expect(fresh.Locator("#now-state")).ToHaveAttributeAsync("data-save-state", "saved");

        var facilitator = await fixture.SignInAsync(AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password);
        await facilitator.GotoAsync($"/orgs/{rater.Slug}/assessments/{rater.AssessmentId}");
        var row = facilitator.Locator("tr", new() { Has = facilitator.Locator("[data-participant^='zoe.']") });
        await Expect(row).ToContainTextAsync("3 of 64 answers");
        await Expect(row).ToContainTextAsync("1 of 32");
        await Expect(row).ToContainTextAsync("In progress");
        await facilitator.Locator("[data-interactive='true']").WaitForAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Invite everyone not yet invited" }).ClickAsync();
        await Expect(facilitator.GetByText("Everyone with a link has been invited already.")).ToBeVisibleAsync();

        // A fresh link, copied to paste into a message of the facilitator's own.
        await facilitator.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        // "Invite everyone" shows its message before the grid below has read its page again; a click in between can
        // land on a row's button that the grid's next render replaces, and Blazor drops it. So the link is asked for
        // until it shows (each click sends a fresh one; three clicks without a link fail the test).
        var participantLink = facilitator.GetByTestId("participant-link");
        for (var attempt = 1; ; attempt++)
        {
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Send new link to Zoë Phone" }).ClickAsync();
            try
            {
                await Expect(participantLink).ToBeVisibleAsync(new() { Timeout = 7_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        var shownLink = (await participantLink.InnerTextAsync()).Trim();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Copy link for Zoë Phone" }).ClickAsync();
        await Expect(facilitator.GetByText("Copied.")).ToBeVisibleAsync();
        Assert.Equal(shownLink, await facilitator.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    private string CriterionOf(string code) =>
        fixture.Services.GetRequiredService<MaturityCatalogue>().GetCharacteristic(code).Criteria[MaturityLevel.Initial];

    [Fact]
    public async Task The_review_lists_what_is_missing_with_links_and_the_finish_screen_says_what_happens_next()
    {
        var rater = await NewRaterAsync("review");
        var page = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(page, rater.Link, "1.1.1");
        await ChooseAsync(page, "now", "4");
        await ChooseAsync(page, "two-years", "5");
        await OpenCardAsync(page, rater.Link, "1.1.2");
        await ChooseAsync(page, "now", "1");

        await page.GotoAsync($"{rater.Link}/review");
        var missing = page.GetByRole(AriaRole.List, new() { Name = "Characteristics with a missing answer" });
        await Expect(missing.Locator("li")).ToHaveCountAsync(31);
        await Expect(missing.Locator("li").First).ToContainTextAsync("1.1.2");
        await Expect(missing.Locator("li").First).ToContainTextAsync("missing: in two years");
        await Expect(missing).Not.ToContainTextAsync("1.1.1 ");

        await missing.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/1\\.1\\.2$"));
        Assert.True(await HeadingHasFocusAsync(page));
        await page.GoBackAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your answers");

        await page.GetByRole(AriaRole.Link, new() { Name = "Finish →" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        await Expect(page.Locator("#rating-view")).ToContainTextAsync("Your answers are saved.");
        await Expect(page.Locator("#rating-view")).ToContainTextAsync("What happens next");
        await Expect(page.Locator("#rating-view")).ToContainTextAsync("31 characteristics still miss an answer");

        // The last characteristic leads to the review, not to a dead end.
        await OpenCardAsync(page, rater.Link, "4.6");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Review →" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Level_in_two_years_below_level_now_is_allowed_but_warned_about()
    {
        var rater = await NewRaterAsync("warn");
        var page = await fixture.NewPageAsync(Laptop);
        await OpenCardAsync(page, rater.Link, "1.1.1");

        await ChooseAsync(page, "now", "4");
        await ChooseAsync(page, "two-years", "2");

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "below your level now" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Arrow_keys_move_through_the_levels_and_save_one_decision_when_the_group_is_left()
    {
        var rater = await NewRaterAsync("keys");
        var page = await fixture.NewPageAsync(Laptop);
        await OpenCardAsync(page, rater.Link, "1.1.1");

        await page.Locator("#now-1").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(StateOf(page, "now")).ToHaveAttributeAsync("data-save-state", "saved");
        foreach (var _ in Enumerable.Range(0, 4))
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator("#now-5")).ToBeCheckedAsync();
        // Stepping is not deciding: nothing is sent while the arrows move (the level shown waits, and says so).
        await Expect(StateOf(page, "now")).ToHaveAttributeAsync("data-save-state", "saving");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("Tab");
        await Expect(StateOf(page, "now")).ToHaveAttributeAsync("data-save-state", "saved");
        Assert.Equal("4", (await StoredAsync(fixture.Services, rater.ParticipantId, "1.1.1"))!.LevelNow.Code);
        Assert.Equal(2, await AuditRowsAsync(rater.ParticipantId, "1.1.1")); // the Space choice and the arrow decision

        // A pause also ends the stepping, with one row for it.
        await page.Locator("#two-years-1").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(StateOf(page, "two-years")).ToHaveAttributeAsync("data-save-state", "saved");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(StateOf(page, "two-years")).ToHaveAttributeAsync("data-save-state", "saved", new() { Timeout = 5000 });
        Assert.Equal("3", (await StoredAsync(fixture.Services, rater.ParticipantId, "1.1.1"))!.LevelInTwoYears.Code);
        Assert.Equal(4, await AuditRowsAsync(rater.ParticipantId, "1.1.1"));

        // Next from the keyboard puts focus on the new characteristic's heading.
        await page.Locator("#rating-next").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".rating-card")).ToHaveAttributeAsync("data-characteristic", "1.1.2");
        Assert.True(await HeadingHasFocusAsync(page), "focus is on the heading after Next");
    }

    [Fact]
    public async Task Two_tabs_never_overwrite_each_other_and_the_second_is_told()
    {
        var rater = await NewRaterAsync("tabs");
        var first = await fixture.NewPageAsync(Phone);
        var second = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(first, rater.Link, "2.1.1");
        await OpenCardAsync(second, rater.Link, "2.1.1");

        await ChooseAsync(first, "now", "2");
        await second.Locator("label[for='now-4']").ClickAsync();

        await Expect(second.Locator("#rating-problem")).ToContainTextAsync("changed in another window");
        await Expect(second.Locator("#rating-problem")).ToContainTextAsync("now 4");
        await Expect(second.Locator("#now-2")).ToBeCheckedAsync();
        await Expect(StateOf(second, "now")).ToHaveAttributeAsync("data-save-state", "conflict");
        Assert.Equal("2", (await StoredAsync(fixture.Services, rater.ParticipantId, "2.1.1"))!.LevelNow.Code);

        // Choosing again on the second tab is a decision made knowing the stored answer: saved.
        await ChooseAsync(second, "now", "4");
        await Expect(second.Locator("#rating-problem")).ToBeHiddenAsync();
        Assert.Equal("4", (await StoredAsync(fixture.Services, rater.ParticipantId, "2.1.1"))!.LevelNow.Code);
    }

    [Fact]
    public async Task A_comment_typed_and_not_yet_left_survives_a_reload()
    {
        var rater = await NewRaterAsync("draft");
        var page = await fixture.NewPageAsync(Phone);
        await OpenCardAsync(page, rater.Link, "3.1.1");
        await page.GetByText("Comment and evidence (optional)").ClickAsync();
        await page.Locator("#comment").PressSequentiallyAsync("Budget agreed in May");

        await page.ReloadAsync();

        await Expect(page.Locator("#comment")).ToHaveValueAsync("Budget agreed in May");
        await Expect(page.Locator("#comment-state")).ToHaveAttributeAsync("data-save-state", "saved");
        Assert.Equal("Budget agreed in May", (await StoredAsync(fixture.Services, rater.ParticipantId, "3.1.1"))!.Comment);
    }

    [Theory]
    [InlineData("welcome")]
    [InlineData("1.1.1")]
    [InlineData("review")]
    [InlineData("finish")]
    public async Task The_rating_pages_have_no_serious_accessibility_faults_on_a_phone_or_a_laptop(string step)
    {
        var rater = await NewRaterAsync("axe");
        foreach (var (viewport, name) in new[] { (Phone, "phone"), (Laptop, "laptop") })
        {
            var page = await fixture.NewPageAsync(viewport);
            await page.GotoAsync($"{rater.Link}/{step}");
            await Expect(page.Locator("#rating")).ToHaveAttributeAsync("data-step", step);
            await Expect(page.Locator("#rating-bar")).ToBeVisibleAsync();
            if (step == "1.1.1")
            {
                await ChooseAsync(page, "now", "2");
                await page.Locator(".rating-level summary").First.ClickAsync();
            }

            await Accessibility.AssertNoSeriousViolationsAsync(page, $"the rating page '{step}' on a {name}");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_member_rates_signed_in_on_the_same_page_and_the_change_names_them()
    {
        var (email, _, password, _) = AccountSeeder.DemoAccounts[3];
        Guid assessmentId, userId;
        string slug;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var city = await db.Organisations.SingleAsync(o => o.Name == AccountSeeder.DemoCityName);
            userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            assessmentId = (await scope.ServiceProvider.GetRequiredService<AssessmentService>().StartSelfAssessmentAsync(city, userId)).Id;
            slug = city.Slug;
        }

        // From the member's interactive list of assessments to the plain rating page (a full page load, no circuit).
        var page = await fixture.SignInAsync(email, password, Phone);
        await page.GotoAsync($"/orgs/{slug}/assessments");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.Locator($"a[href$='/assessments/{assessmentId}/rate']").ClickAsync();
        await Expect(page.Locator("#rating-bar")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Rate");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start →" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/assessments/{assessmentId}/rate/1\\.1\\.1$"));
        await ChooseAsync(page, "now", "5");

        await using var check = await fixture.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var change = await check.RatingChanges.SingleAsync(c => c.AssessmentId == assessmentId && c.CharacteristicCode == "1.1.1");
        Assert.Equal(userId, change.ChangedByUserId);
        Assert.Equal("5", change.NewLevelNow.Code);
    }

    [Fact]
    public async Task An_unknown_link_says_it_does_not_work()
    {
        var page = await fixture.NewPageAsync(Phone);
        await page.GotoAsync("/rate/not-a-real-token");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This rating link does not work");
    }
}
