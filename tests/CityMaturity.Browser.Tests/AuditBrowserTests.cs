using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityMaturity.Browser.Tests;

/// <summary>An audit from engagement to the public attestation, through the pages, with axe on each of them.</summary>
[Collection(SecondBrowserCollection.Name)]
public class AuditBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_city_engages_an_auditor_works_and_anyone_reads_the_attestation()
    {
        // An assessment of its own (the demo's closed one stays unfrozen for the other tests), an audit body and its auditor.
        Guid assessmentId;
        string[] others; // the characteristics after the first, found through the pages at the end
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var demoville = await db.Organisations.SingleAsync(o => o.Slug == "demoville");
            var assessments = services.GetRequiredService<AssessmentService>();
            var catalogue = services.GetRequiredService<MaturityCatalogue>();
            var created = await assessments.CreateAsync(demoville.Id,
                new NewAssessment("Audited baseline", "Demoville", "baseline-review", AssessmentMethod.MultiStakeholder, [.. catalogue.Characteristics.Take(3).Select(c => c.Code)], null), null);
            var overview = await assessments.OverviewAsync(created.Id);
            await assessments.AddParticipantAsync(created.Id, "Paula Private", "paula@example.org", overview.Groups[0].Id);
            await assessments.MoveToAsync(created.Id, AssessmentStatus.Open);
            await assessments.MoveToAsync(created.Id, AssessmentStatus.Closed);
            assessmentId = created.Id;
            others = [.. catalogue.Characteristics.Take(3).Skip(1).Select(c => c.Code)];
            var auditorAccount = await TestAccounts.CreateUserAsync(fixture.Services, "browser-auditor@example.org");
            var organisations = services.GetRequiredService<OrganisationService>();
            var body = await organisations.CreateOrganisationAsync("Browser Verification", OrganisationKind.AuditBody);
            await organisations.AddMemberAsync(body.Id, auditorAccount.Id, OrganisationRole.OrganisationAdministrator); // also rotates the body's key
        }

        var city = await fixture.SignInAsync("admin@demoville.example", "demo-admin-2026");
        await city.GotoAsync($"/orgs/demoville/assessments/{assessmentId}/audits");
        await city.Locator("[data-interactive='true']").WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(city, "city's audit page before engaging");
        await city.GetByLabel("Audit body's address").FillAsync("browser-verification");
        await city.GetByLabel("Indicator years in scope").FillAsync("2025");
        await city.GetByRole(AriaRole.Button, new() { Name = "Engage" }).ClickAsync();
        await Expect(city.GetByTestId("audit-status")).ToHaveTextAsync("requested");
        await Accessibility.AssertNoSeriousViolationsAsync(city, "city's audit page with an engagement");

        var auditor = await fixture.SignInAsync("browser-auditor@example.org", TestAccounts.Password);
        await auditor.GotoAsync("/audits");
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await auditor.GetByRole(AriaRole.Link, new() { Name = "Demoville · Audited baseline" }).ClickAsync();
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await auditor.WaitForURLAsync("**/audits/*");
        var workspace = auditor.Url;
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Start the audit" }).ClickAsync();
        await Expect(auditor.GetByTestId("audit-status")).ToHaveTextAsync("in progress");
        await Expect(auditor.GetByRole(AriaRole.Cell, new() { Name = "P01" })).ToBeVisibleAsync();
        await Expect(auditor.GetByText("Paula Private")).ToHaveCountAsync(0);
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Record a finding on 1.1.1" }).ClickAsync(); // the first characteristic of the catalogue
        await auditor.GetByLabel("Level verified now").ClickAsync();
        await auditor.GetByRole(AriaRole.Option, new() { Name = "3 –" }).ClickAsync();
        await auditor.GetByLabel("Evidence examined").FillAsync("The council's minutes of 2025");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Record the finding" }).ClickAsync();
        await Expect(auditor.GetByTestId("audit-message")).ToHaveTextAsync("Saved.");
        // It asks the city for more evidence on the same characteristic (the form under the finding's).
        await auditor.GetByLabel("Ask the city for more evidence on this characteristic").FillAsync("Please send the council's minutes of 2025.");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(auditor.GetByTestId("request-state")).ToHaveTextAsync("open");
        await Accessibility.AssertNoSeriousViolationsAsync(auditor, "auditor's workspace");

        // The auditor also administers the body: it rotates the body's attestation key on the keys page, after confirming.
        await auditor.GotoAsync("/orgs/browser-verification/attestation-keys");
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Rotate the signing key…" }).ClickAsync();
        await Expect(auditor.GetByRole(AriaRole.Dialog)).ToContainTextAsync("retired at once");
        await auditor.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rotate", Exact = true }).ClickAsync();
        await Expect(auditor.GetByTestId("keys-message")).ToContainTextAsync("Rotated: key");
        await Expect(auditor.GetByTestId("key-rotation")).ToHaveCountAsync(1);
        await Expect(auditor.GetByTestId("attestation-key")).ToHaveCountAsync(1);
        await Accessibility.AssertNoSeriousViolationsAsync(auditor, "audit body's attestation keys after a rotation");

        // The city attaches a document to its answer on its audit page, already open, and answers: the control, the
        // attached document's link, and axe with both.
        await city.ReloadAsync();
        await city.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(city.GetByRole(AriaRole.Button, new() { Name = "Attach a document to your answer (it also becomes evidence of 1.1.1)" })).ToBeVisibleAsync();
        await city.Locator("[data-testid=attach-answer][data-code='1.1.1'] input[type=file]")
            .SetInputFilesAsync(new FilePayload { Name = "Council minutes 2025.pdf", MimeType = "application/pdf", Buffer = AttachEvidenceBrowserTests.Pdf });
        await Expect(city.GetByTestId("attached-document")).ToHaveTextAsync("Council minutes 2025.pdf");
        await Expect(city.GetByRole(AriaRole.Link, new() { Name = "Council minutes 2025.pdf" })).ToHaveAttributeAsync("download", "");
        await Accessibility.AssertNoSeriousViolationsAsync(city, "city's audit page with a document attached to an answer");
        await city.GetByLabel("Your answer", new() { Exact = true }).FillAsync("The minutes are attached.");
        await city.GetByRole(AriaRole.Button, new() { Name = "Answer", Exact = true }).ClickAsync();
        await Expect(city.GetByTestId("request-state")).ToHaveTextAsync("answered");

        // The auditor records the other findings and issues them, all on the workspace.
        await auditor.GotoAsync(workspace);
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(auditor.GetByTestId("request-state")).ToHaveTextAsync("answered");
        // A follow-up in the request's thread (typed markup stays text): the request is open again until the city replies.
        await auditor.GetByLabel("Follow-up on 1.1.1").FillAsync("Which meeting approved <b>the</b> plan?");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Post the follow-up on 1.1.1" }).ClickAsync();
        await Expect(auditor.GetByTestId("request-state")).ToHaveTextAsync("open");
        await Expect(auditor.GetByTestId("request-message-text")).ToHaveTextAsync("Which meeting approved <b>the</b> plan?");
        foreach (var characteristic in others)
        {
            await auditor.GetByRole(AriaRole.Button, new() { Name = $"Record a finding on {characteristic}" }).ClickAsync();
            await Expect(auditor.GetByRole(AriaRole.Heading, new() { Name = $"Finding on {characteristic}" })).ToBeVisibleAsync();
            await auditor.GetByLabel("Level verified now").ClickAsync();
            await auditor.GetByRole(AriaRole.Option, new() { Name = "2 –" }).ClickAsync();
            await auditor.GetByLabel("Finding", new() { Exact = true }).ClickAsync();
            await auditor.GetByRole(AriaRole.Option, new() { Name = "Minor gap" }).ClickAsync();
            await auditor.GetByLabel("Evidence examined").FillAsync("The plan");
            await auditor.GetByRole(AriaRole.Button, new() { Name = "Record the finding" }).ClickAsync();
            await Expect(auditor.GetByTestId("audit-message")).ToHaveTextAsync("Saved.");
        }

        await auditor.GetByRole(AriaRole.Button, new() { Name = "Issue the findings" }).ClickAsync();
        await Expect(auditor.GetByTestId("audit-status")).ToHaveTextAsync("findings issued");
        await AssertAccessibleAtBothWidthsAsync(auditor, "auditor's workspace with the findings issued");

        // The city reads the findings and responds, then resubmits instead (submission 2); the auditor issues again,
        // the city responds again.
        await city.ReloadAsync();
        await city.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(city.GetByRole(AriaRole.Region, new() { Name = "The auditor's findings" }).GetByRole(AriaRole.Row).Filter(new() { HasText = others[0] })).ToContainTextAsync("minor gap");
        await Expect(city.GetByTestId("request-state")).ToHaveTextAsync("open");
        await city.GetByLabel("Follow-up on 1.1.1").FillAsync("The council's meeting of 12 March 2025.");
        await city.GetByRole(AriaRole.Button, new() { Name = "Post the follow-up on 1.1.1" }).ClickAsync();
        await Expect(city.GetByTestId("request-state")).ToHaveTextAsync("answered");
        await Expect(city.GetByTestId("request-message")).ToHaveCountAsync(2);
        await Expect(city.GetByTestId("request-message").Last).ToContainTextAsync("City, ");
        await AssertAccessibleAtBothWidthsAsync(city, "city's audit page with the findings issued");
        await RespondAsync(city, "We accept the minor gaps.");
        await AssertAccessibleAtBothWidthsAsync(city, "city's audit page after responding");
        await city.GetByRole(AriaRole.Button, new() { Name = "Resubmit (a new submission version)" }).ClickAsync();
        await Expect(city.GetByTestId("audit-status")).ToHaveTextAsync("in progress");
        await Expect(city.GetByRole(AriaRole.Heading, new() { Name = "Browser Verification · submission 2" })).ToBeVisibleAsync();

        await auditor.ReloadAsync();
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Issue the findings" }).ClickAsync();
        await Expect(auditor.GetByTestId("audit-status")).ToHaveTextAsync("findings issued");
        await city.ReloadAsync();
        await city.Locator("[data-interactive='true']").WaitForAsync();
        await RespondAsync(city, "Accepted for submission 2.");

        // The auditor closes with an opinion and reservations; the workspace links the public page and the signed PDF.
        await auditor.ReloadAsync();
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(auditor.GetByText("The city's response: Accepted for submission 2.")).ToBeVisibleAsync();
        await AssertAccessibleAtBothWidthsAsync(auditor, "auditor's workspace with the closing form");
        await auditor.GetByRole(AriaRole.Combobox, new() { Name = "Opinion" }).ClickAsync();
        await auditor.GetByRole(AriaRole.Option, new() { Name = "Verified with reservations" }).ClickAsync();
        await auditor.GetByLabel("Reservations", new() { Exact = true }).FillAsync("Two characteristics verified one level lower.");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Close and sign the attestation" }).ClickAsync();
        await Expect(auditor.GetByTestId("audit-status")).ToHaveTextAsync("closed");
        await AssertAccessibleAtBothWidthsAsync(auditor, "auditor's workspace of a closed audit");
        var code = (await auditor.GetByTestId("attestation-link").GetAttributeAsync("href"))!["verify/".Length..];
        var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByRole(AriaRole.Link, new() { Name = "the signed PDF" }).ClickAsync());
        using (var pdf = Poppler.For(await File.ReadAllBytesAsync((await download.PathAsync())!), "attestation.pdf"))
        {
            var text = string.Join(' ', pdf.Text().Split((char[])[' ', '\n', '\f'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(code, text, StringComparison.Ordinal);
            Assert.Contains("Verified with reservations", text, StringComparison.Ordinal);
            Assert.Contains("Two characteristics verified one level lower.", text, StringComparison.Ordinal);
        }

        // The verify page's forms are static (answered by the server): a code typed the moment the page shows, with no
        // wait for a live connection, opens the attestation (ADR 0039; with the page interactive it was drawn over).
        var anonymous = await fixture.NewPageAsync();
        await OpenByCodeTypedAtOnceAsync(anonymous, code);
        await Expect(anonymous).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/verify/{code}$"));
        await Expect(anonymous.GetByTestId("attestation-state")).ToContainTextAsync("In force");
        await Expect(anonymous.GetByTestId("opinion")).ToHaveTextAsync("Verified with reservations");
        var attested = anonymous.GetByRole(AriaRole.Region, new() { Name = "Audited levels by characteristic" }).GetByRole(AriaRole.Row);
        await Expect(attested.Filter(new() { HasText = "1.1.1" })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*1\.1\.1\s*3\s*conforms\s*$"));
        await Expect(attested.Filter(new() { HasText = others[0] })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^\s*{System.Text.RegularExpressions.Regex.Escape(others[0])}\s*2\s*minor gap\s*$"));
        await AssertAccessibleAtBothWidthsAsync(anonymous, "public attestation page");

        // A pasted attestation and its signature are checked by a plain post.
        var statement = await (await anonymous.APIRequest.GetAsync($"/verify/{code}/attestation.json")).TextAsync();
        var signature = Convert.ToBase64String(await (await anonymous.APIRequest.GetAsync($"/verify/{code}/attestation.sig")).BodyAsync());
        await anonymous.GotoAsync("/verify", new() { WaitUntil = WaitUntilState.Commit });
        await anonymous.GetByLabel("The attestation (the .json file's text)").FillAsync(statement);
        await anonymous.GetByLabel("Its signature (the .sig file, base64)").FillAsync(signature);
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(anonymous.GetByTestId("check-result")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"The signature is valid \(by .+ key\) and the attestation is in force\."));
        await Expect(anonymous.GetByRole(AriaRole.Link, new() { Name = "Open the attestation" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(anonymous, "public verify page with a check");

        // The city withdraws the attestation with a reason it types: a blank one is refused under the field.
        await city.ReloadAsync();
        await city.Locator("[data-interactive='true']").WaitForAsync();
        await city.GetByRole(AriaRole.Button, new() { Name = "Withdraw the attestation…" }).ClickAsync();
        var withdrawal = city.GetByRole(AriaRole.Dialog);
        await withdrawal.GetByRole(AriaRole.Button, new() { Name = "Withdraw", Exact = true }).ClickAsync();
        await Expect(city.Locator("#city-withdraw-reason-error")).ToContainTextAsync("Write the reason for withdrawing");
        await Accessibility.AssertNoSeriousViolationsAsync(city, "city's withdrawal dialog with its refusal");
        await city.GetByLabel("Reason (required, shown on the public page)").FillAsync("Our 2025 figures were restated.");
        await withdrawal.GetByRole(AriaRole.Button, new() { Name = "Withdraw", Exact = true }).ClickAsync();
        await Expect(city.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(city.GetByTestId("audit-status")).ToHaveTextAsync("revoked");
        await anonymous.GotoAsync($"/verify/{code}");
        await Expect(anonymous.GetByTestId("attestation-state")).ToContainTextAsync("Our 2025 figures were restated.");
    }

    /// <summary>The city responds to the issued findings on its audit page.</summary>
    private static async Task RespondAsync(IPage city, string response)
    {
        await city.GetByLabel("The city's response to the findings").FillAsync(response);
        await city.GetByRole(AriaRole.Button, new() { Name = "Send the response" }).ClickAsync();
        await Expect(city.GetByTestId("audit-status")).ToHaveTextAsync("city responded");
    }

    /// <summary>axe at a laptop's width (1280 px) and a phone's (390 px); the page is left at 1280 px.</summary>
    private static async Task AssertAccessibleAtBothWidthsAsync(IPage page, string where)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"{where} at 1280 px");
        await page.SetViewportSizeAsync(390, 844);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"{where} at 390 px");
        await page.SetViewportSizeAsync(1280, 900);
    }

    /// <summary>Opens /verify and types the code at once: no wait for a live connection (the form needs none).</summary>
    private static async Task OpenByCodeTypedAtOnceAsync(IPage page, string code)
    {
        await page.GotoAsync("/verify", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Code on the attestation").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
    }

    /// <summary>The widths the withdrawal is checked at; the auditor works at the narrow one, each screen is checked at both.</summary>
    private static readonly ViewportSize[] WithdrawalWidths = [new() { Width = 1280, Height = 800 }, new() { Width = 360, Height = 740 }];

    [Fact]
    public async Task The_audit_body_withdraws_its_attestation_from_the_workspace_after_confirming_with_a_reason()
    {
        // A closed audit of an assessment of its own, by a body of its own (the demo's audit stays in force for the other tests).
        var auditorEmail = "withdrawing-auditor@example.org";
        Guid auditId;
        string code;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var demoville = await db.Organisations.SingleAsync(o => o.Slug == "demoville");
            var adminId = (await db.Users.SingleAsync(u => u.Email == "admin@demoville.example")).Id;
            var assessments = services.GetRequiredService<AssessmentService>();
            var firstCode = services.GetRequiredService<MaturityCatalogue>().Characteristics[0].Code;
            var created = await assessments.CreateAsync(demoville.Id,
                new NewAssessment("Withdrawn baseline", "Demoville", "baseline-review", AssessmentMethod.MultiStakeholder, [firstCode], null), null);
            var overview = await assessments.OverviewAsync(created.Id);
            await assessments.AddParticipantAsync(created.Id, "Wanda Withdrawn", "wanda@example.org", overview.Groups[0].Id);
            await assessments.MoveToAsync(created.Id, AssessmentStatus.Open);
            await assessments.MoveToAsync(created.Id, AssessmentStatus.Closed);
            var auditorAccount = await TestAccounts.CreateUserAsync(fixture.Services, auditorEmail);
            var organisations = services.GetRequiredService<OrganisationService>();
            var body = await organisations.CreateOrganisationAsync("Withdrawing Verification", OrganisationKind.AuditBody);
            await organisations.AddMemberAsync(body.Id, auditorAccount.Id, OrganisationRole.Member);

            var audits = services.GetRequiredService<AuditService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            auditId = (await audits.EngageAsync(created.Id, new EngagementRequest(body.Slug, today, today.AddDays(30), [], false), adminId)).Value!.Id;
            Assert.True((await audits.StartAsync(auditId, auditorAccount.Id)).Succeeded);
            Assert.True((await audits.RecordFindingAsync(auditId, new FindingRequest(firstCode, 2, "conforms", "The plan", null, false, null), auditorAccount.Id)).Succeeded);
            Assert.True((await audits.IssueFindingsAsync(auditId, auditorAccount.Id)).Succeeded);
            Assert.True((await audits.RespondAsync(auditId, "Accepted.", adminId)).Succeeded);
            code = (await audits.CloseAsync(auditId, "verified", null, auditorAccount.Id)).Value!.AttestationCode!;
        }

        var auditor = await fixture.SignInAsync(auditorEmail, TestAccounts.Password, WithdrawalWidths[^1]);
        await auditor.GotoAsync($"/audits/{auditId}");
        await auditor.Locator("[data-interactive='true']").WaitForAsync();
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Withdraw the attestation…" }).ClickAsync();
        var dialog = auditor.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("This cannot be undone.");
        // Opening the page — the server's first render, then the live one — is one line of the city's access log.
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            Assert.Equal(1, await db.AuditAccessLog.CountAsync(l => l.AuditId == auditId && l.What == "workspace"));
        }

        await Accessibility.AssertNoSeriousViolationsAtEachWidthAsync(auditor, "withdrawal dialog", WithdrawalWidths);

        // Without a reason it is refused in the dialog; cancelling withdraws nothing.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Withdraw", Exact = true }).ClickAsync();
        await Expect(auditor.GetByTestId("withdraw-error")).ToContainTextAsync("Write the reason");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(auditor.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var anonymous = await fixture.NewPageAsync();
        await anonymous.GotoAsync($"/verify/{code}");
        await Expect(anonymous.GetByTestId("attestation-state")).ToContainTextAsync("In force");

        await auditor.GetByRole(AriaRole.Button, new() { Name = "Withdraw the attestation…" }).ClickAsync();
        await auditor.GetByLabel("Reason (shown on the public page)").FillAsync("The city restated its 2025 figures.");
        await auditor.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Withdraw", Exact = true }).ClickAsync();
        await auditor.WaitForURLAsync($"**/verify/{code}");
        await Expect(auditor.GetByTestId("attestation-state")).ToContainTextAsync("Withdrawn");
        await Expect(auditor.GetByTestId("attestation-state")).ToContainTextAsync("The city restated its 2025 figures.");
        await Accessibility.AtEachWidthAsync(auditor, WithdrawalWidths, async width =>
        {
            await Accessibility.AssertNoSeriousViolationsAsync(auditor, $"withdrawn attestation at {width} px");
            var tooWide = await auditor.EvaluateAsync<string[]>(
                "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth ? [] : [...document.body.querySelectorAll('*')]" +
                ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).map(e => e.tagName + '.' + (e.getAttribute('class') ?? ''))");
            Assert.True(tooWide.Length == 0, $"the withdrawn attestation's page scrolls sideways at {width} px: {string.Join(", ", tooWide)}");
        });
    }
}
