using System.Text.RegularExpressions;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// The phone page while the server answers 503 (its database restarting): the browser's network layer answers the
/// phone's first event-stream request and first vote with 503 + Retry-After, as the app does then, and the page must
/// come back by itself — listen again and send the kept vote.
/// </summary>
[Collection(OutageBrowserCollection.Name)]
public class WorkshopRetryBrowserTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task After_503_answers_the_phone_listens_again_and_its_vote_gets_through()
    {
        var code = await RunningWorkshopWithOpenRoundAsync();
        var phone = await fixture.NewPageAsync(Phone);
        var eventRequests = 0;
        var voteRequests = 0;
        await phone.RouteAsync(new Regex("/w/[A-Z0-9]+/events$"), async route =>
        {
            if (Interlocked.Increment(ref eventRequests) == 1)
            {
                await UnavailableAsync(route);
                return;
            }

            await route.ContinueAsync();
        });
        await phone.RouteAsync(new Regex("/w/[A-Z0-9]+/vote$"), async route =>
        {
            if (Interlocked.Increment(ref voteRequests) == 1)
            {
                await UnavailableAsync(route);
                return;
            }

            await route.ContinueAsync();
        });

        await phone.GotoAsync($"/w/{code}");
        await phone.GetByLabel("Your name").FillAsync("Rita Retry");
        await phone.GetByLabel("You speak for").SelectOptionAsync(new SelectOptionValue { Label = "Citizens" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Expect(phone.GetByTestId("room")).ToBeVisibleAsync();

        // EventSource gives up for good after an error answer; the page must open a new stream itself.
        for (var waited = 0; Volatile.Read(ref eventRequests) < 2 && waited < 15_000; waited += 200)
        {
            await Task.Delay(200);
        }

        Assert.True(Volatile.Read(ref eventRequests) >= 2, "the phone never opened its event stream again");

        await phone.Locator(".vote-button[data-view='now'][data-answer='3']").ClickAsync();
        await phone.Locator(".vote-button[data-view='inTwoYears'][data-answer='4']").ClickAsync();
        await Expect(phone.Locator("#room-ack")).ToHaveTextAsync("Vote received ✓ (now 3, in 2 years 4)", new() { Timeout = 15_000 });
        Assert.True(voteRequests >= 2, $"{voteRequests} vote requests");
    }

    private static Task UnavailableAsync(IRoute route) => route.FulfillAsync(new()
    {
        Status = 503,
        ContentType = "application/problem+json",
        Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
        Body = "{\"title\":\"Temporarily unavailable\",\"status\":503,\"message\":\"busy\"}",
    });

    private async Task<string> RunningWorkshopWithOpenRoundAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var city = await db.Organisations.SingleAsync(o => o.Name == AccountSeeder.DemoCityName);
        var assessments = services.GetRequiredService<AssessmentService>();
        var catalogue = services.GetRequiredService<MaturityCatalogue>();
        var assessment = await assessments.CreateAsync(city.Id,
            new NewAssessment($"Retry test {Guid.NewGuid():N}"[..22], "Demoville", "baseline-review", AssessmentMethod.ModeratedWorkshop, [.. catalogue.Characteristics.Select(c => c.Code)], null), null);
        await assessments.MoveToAsync(assessment.Id, AssessmentStatus.Open);
        var workshops = services.GetRequiredService<WorkshopService>();
        var (workshop, refusal) = await workshops.StartAsync(assessment.Id, ["1.1.1"], allowWalkIns: true, null);
        Assert.True(workshop is not null, refusal?.Message);
        var opened = await workshops.OpenRoundAsync(assessment.Id, workshop.Id, null);
        Assert.True(opened.Succeeded, opened.Refusal?.Message);
        return workshop.JoinCode;
    }
}
