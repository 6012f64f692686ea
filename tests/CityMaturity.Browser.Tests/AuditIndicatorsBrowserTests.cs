using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>The auditor's page for the city's indicator values: notes beside each value, a verdict recorded, axe at two widths.</summary>
[Collection(SecondBrowserCollection.Name)]
public class AuditIndicatorsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_auditor_checks_indicator_values_beside_the_frameworks_verification_notes()
    {
        // A city of its own (Demoville's data stays as the other tests expect), with one U4SSC value that has notes and
        // one ISO/IEC 30146 value that has none, engaged with an audit body whose auditor has started.
        Guid auditId;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var organisations = services.GetRequiredService<OrganisationService>();
            var city = await organisations.CreateOrganisationAsync("Indicator Town", OrganisationKind.Community);
            var cityAdmin = await TestAccounts.CreateUserAsync(fixture.Services, "indicator-town-admin@example.org");
            await organisations.AddMemberAsync(city.Id, cityAdmin.Id, OrganisationRole.OrganisationAdministrator);
            var csv = "indicator_code,year,value,unit,numerator,denominator,source,note\r\n"
                      + "EC: I: ES: 3C,2025,96.5,%,,,Electricity utility register,\r\n"
                      + "L1.1.1,2025,51,%,,,City survey,\r\n";
            var imported = await services.GetRequiredService<IndicatorDataService>().ImportAsync(city.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), cityAdmin.Id);
            Assert.True(imported.Succeeded, string.Join("; ", imported.Problems));

            var assessments = services.GetRequiredService<AssessmentService>();
            var catalogue = services.GetRequiredService<MaturityCatalogue>();
            var created = await assessments.CreateAsync(city.Id,
                new NewAssessment("Indicator audit", "Indicator Town", "baseline-review", AssessmentMethod.MultiStakeholder, [.. catalogue.Characteristics.Take(2).Select(c => c.Code)], null), cityAdmin.Id);
            var overview = await assessments.OverviewAsync(created.Id);
            await assessments.AddParticipantAsync(created.Id, "Iris Inkpen", "iris@example.org", overview.Groups[0].Id);
            await assessments.MoveToAsync(created.Id, AssessmentStatus.Open);
            await assessments.MoveToAsync(created.Id, AssessmentStatus.Closed);

            var auditorAccount = await TestAccounts.CreateUserAsync(fixture.Services, "indicator-auditor@example.org");
            var body = await organisations.CreateOrganisationAsync("Indicator Verification", OrganisationKind.AuditBody);
            await organisations.AddMemberAsync(body.Id, auditorAccount.Id, OrganisationRole.Member);
            var audits = services.GetRequiredService<AuditService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var engaged = await audits.EngageAsync(created.Id, new EngagementRequest(body.Slug, today.AddDays(-1), today.AddDays(30), [2025], false), cityAdmin.Id);
            Assert.True(engaged.Succeeded, engaged.Message);
            auditId = engaged.Value!.Id;
            var started = await audits.StartAsync(auditId, auditorAccount.Id);
            Assert.True(started.Succeeded, started.Message);
        }

        var auditor = await fixture.SignInAsync("indicator-auditor@example.org", TestAccounts.Password);
        await auditor.GotoAsync($"/audits/{auditId}");
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await auditor.GetByTestId("indicator-values-link").ClickAsync();
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(auditor.GetByRole(AriaRole.Heading, new() { Name = "Indicator values in scope" })).ToBeVisibleAsync();

        var electricity = auditor.GetByTestId("indicator-value").Filter(new() { HasText = "EC: I: ES: 3C" });
        var survey = auditor.GetByTestId("indicator-value").Filter(new() { HasText = "L1.1.1" });
        await Expect(electricity.GetByTestId("verification-notes")).ToContainTextAsync("electricity utility");
        await Expect(electricity.GetByTestId("indicator-figure")).ToHaveTextAsync("96.5 %");
        await Expect(survey.GetByTestId("verification-notes")).ToContainTextAsync("department or operator that runs the service");
        await Accessibility.AssertNoSeriousViolationsAsync(auditor, "auditor's indicator values page");

        await MudSelects.ChooseAsync(auditor, electricity.GetByLabel("Verdict", new() { Exact = true }), "queried");
        await electricity.GetByLabel("Reason").FillAsync("Counts connections, not households.");
        await electricity.GetByRole(AriaRole.Button, new() { Name = "Record the verdict on EC: I: ES: 3C 2025" }).ClickAsync();
        await Expect(auditor.GetByTestId("indicator-message")).ToHaveTextAsync("Verdict recorded.");
        await Expect(electricity.GetByTestId("indicator-verdict")).ToContainTextAsync("queried — Counts connections, not households.");

        // A refusal says what is wrong: rejecting without a reason.
        await MudSelects.ChooseAsync(auditor, survey.GetByLabel("Verdict", new() { Exact = true }), "rejected");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Record the verdict on L1.1.1 2025" }).ClickAsync();
        await Expect(auditor.GetByTestId("indicator-message")).ToContainTextAsync("needs a reason");
        await Accessibility.AssertNoSeriousViolationsAsync(auditor, "auditor's indicator values page after a refusal");

        var phone = await fixture.SignInAsync("indicator-auditor@example.org", TestAccounts.Password, new ViewportSize { Width = 360, Height = 800 });
        await phone.GotoAsync($"/audits/{auditId}/indicators");
        await phone.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(phone, "auditor's indicator values page on a phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 360 px");
    }
}
