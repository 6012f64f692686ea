using System.Text.RegularExpressions;
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

[Collection(BrowserCollection.Name)]
public class RatingBrowserTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>An open assessment of Demoville with one outside participant, whose personal link is returned.</summary>
    private async Task<(Guid AssessmentId, string Link, string Slug)> OpenAssessmentWithParticipantAsync(string email)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var city = await db.Organisations.SingleAsync(o => o.Name == AccountSeeder.DemoCityName);
        var assessments = services.GetRequiredService<AssessmentService>();
        var catalogue = services.GetRequiredService<MaturityCatalogue>();
        var assessment = await assessments.CreateAsync(city.Id,
            new NewAssessment($"Browser test {Guid.NewGuid():N}"[..24], "Demoville", "baseline-review", AssessmentMethod.MultiStakeholder, [.. catalogue.Characteristics.Select(c => c.Code)], null), null);
        var groups = (await assessments.OverviewAsync(assessment.Id)).Groups;
        var participant = await assessments.AddParticipantAsync(assessment.Id, "Zoë Phone", email, groups[3].Id);
        await assessments.MoveToAsync(assessment.Id, AssessmentStatus.Open);
        var link = await assessments.SendLinkAsync(assessment.Id, participant.Id, fixture.BaseAddress, reminder: false);
        return (assessment.Id, link, city.Slug);
    }

    private static async Task ChooseAsync(IPage page, string view, int level)
    {
        await page.Locator($"label[for='{view}-{level}']").ClickAsync();
        await Expect(page.Locator("[data-save-state]")).ToHaveAttributeAsync("data-save-state", "Saved");
    }

    [Fact]
    public async Task A_participant_rates_on_a_phone_reloads_finds_the_answers_and_the_facilitator_sees_progress_and_history()
    {
        var (assessmentId, link, slug) = await OpenAssessmentWithParticipantAsync($"zoe.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync(Phone);
        await page.GotoAsync(link);
        await page.Locator("[data-interactive='true']").WaitForAsync();

        // The card is stacked on a phone: "level in 2 years" sits below "level now", not beside it.
        // The circuit renders the card again after the prerendered one, once its data is loaded: wait for it.
        await Expect(page.Locator("fieldset.view")).ToHaveCountAsync(2);
        var views = await page.Locator("fieldset.view").AllAsync();
        var nowBox = await views[0].BoundingBoxAsync();
        var laterBox = await views[1].BoundingBoxAsync();
        Assert.True(laterBox!.Y > nowBox!.Y + nowBox.Height - 1, "the two views should be stacked on a phone");
        Assert.True(nowBox.Width <= Phone.Width);

        var answered = new List<string>();
        foreach (var (now, later) in new[] { (3, 4), (2, 3), (4, 4) })
        {
            var shown = await page.Locator(".rating").GetAttributeAsync("data-characteristic") ?? "";
            answered.Add(shown);
            await ChooseAsync(page, "now", now);
            await ChooseAsync(page, "two-years", later);
            await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
            await Expect(page.Locator(".rating")).Not.ToHaveAttributeAsync("data-characteristic", shown);
        }

        Assert.Equal(["1.1.1", "1.1.2", "1.2.1"], answered);
        await Expect(page.Locator("label[for='rating-progress']")).ToContainTextAsync("3 of 32");

        await page.ReloadAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(page.Locator("label[for='rating-progress']")).ToContainTextAsync("3 of 32");
        await page.GetByLabel("Go to").SelectOptionAsync("1.1.2");
        await Expect(page.Locator("#now-2")).ToBeCheckedAsync();
        await Expect(page.Locator("#two-years-3")).ToBeCheckedAsync();

        await ChooseAsync(page, "now", 1);

        var facilitator = await fixture.SignInAsync(AccountSeeder.DemoAccounts[0].Email, AccountSeeder.DemoAccounts[0].Password);
        await facilitator.GotoAsync($"/orgs/{slug}/assessments/{assessmentId}");
        var row = facilitator.Locator("tr[data-participant^='zoe.']");
        await Expect(row).ToContainTextAsync("3 of 32");
        await Expect(row).ToContainTextAsync("In progress");
        await facilitator.Locator("[data-interactive='true']").WaitForAsync();
        await facilitator.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        var history = facilitator.GetByRole(AriaRole.Table, new() { Name = "History of rating changes" });
        await Expect(history.Locator("tr", new() { HasText = "1.1.2" }).First).ToContainTextAsync("2 → 1");
    }

    [Fact]
    public async Task Level_in_two_years_below_level_now_is_allowed_but_warned_about()
    {
        var (_, link, _) = await OpenAssessmentWithParticipantAsync($"warn.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        await page.Locator("[data-interactive='true']").WaitForAsync();

        await ChooseAsync(page, "now", 4);
        await ChooseAsync(page, "two-years", 2);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("below your level now");
    }

    [Fact]
    public async Task The_rating_card_works_from_the_keyboard_alone()
    {
        var (_, link, _) = await OpenAssessmentWithParticipantAsync($"keys.{Guid.NewGuid():N}@example.org");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(link);
        await page.Locator("[data-interactive='true']").WaitForAsync();

        await page.Locator("#now-1").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");

        await Expect(page.Locator("#now-3")).ToBeCheckedAsync();
        await Expect(page.Locator("[data-save-state]")).ToHaveAttributeAsync("data-save-state", "Saved");
    }

    [Fact]
    public async Task An_unknown_link_says_it_does_not_work()
    {
        var page = await fixture.NewPageAsync(Phone);
        await page.GotoAsync("/rate/not-a-real-token");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This rating link does not work");
    }
}
