using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Audits;

/// <summary>External audits end to end over HTTP against a real database (issue 17).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AuditTests(DatabaseFixture database) : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await AuditWorld.CreateAsync(database.Server);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => AuditWorld.JsonAsync(response, expected);

    private async Task<JsonElement> SummaryNowAsync(TestClient client, string code)
    {
        var summary = await JsonAsync(await client.Http.GetAsync($"/api/assessments/{_world.AssessmentId}/summary"));
        return summary.GetProperty("characteristics").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code).GetProperty("now");
    }

    [Fact]
    public async Task A_whole_audit_runs_from_engagement_to_a_signed_attestation_anyone_can_check()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        using var anonymous = TestClient.Create(_world.Access.Factory);
        var before = await SummaryNowAsync(admin, "1.1.1");
        Assert.Equal(("median", 3m), (before.GetProperty("scoreSource").GetString(), before.GetProperty("score").GetDecimal()));

        var auditId = await _world.EngageAsync(admin);
        var mine = await JsonAsync(await auditor.Http.GetAsync("/api/audits"));
        Assert.Equal(auditId, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetGuid());
        var code = await _world.RunToClosedAsync(auditId, admin, auditor);

        // The city sees the closed audit, its findings and sampling record, and the chain holds.
        var view = await JsonAsync(await admin.Http.GetAsync($"/api/assessments/{_world.AssessmentId}/audits/{auditId}"));
        Assert.Equal(("closed", "verified_with_reservations"), (view.GetProperty("status").GetString(), view.GetProperty("opinion").GetString()));
        Assert.Equal(32, view.GetProperty("findings").GetArrayLength());
        var sampled = Assert.Single(view.GetProperty("findings").EnumerateArray(), f => f.GetProperty("examinedInDepth").GetBoolean());
        Assert.Equal("Largest spread between groups", sampled.GetProperty("samplingReason").GetString());
        Assert.Equal("answered", view.GetProperty("requests")[0].GetProperty("state").GetString());
        var record = await JsonAsync(await admin.Http.GetAsync($"/api/assessments/{_world.AssessmentId}/audits/{auditId}/record"));
        Assert.True(record.GetProperty("check").GetProperty("holds").GetBoolean());
        var kinds = record.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["engaged", "started"], kinds.Take(2));
        Assert.Equal(["evidence-requested", "request-answered", "findings-issued", "city-responded", "closed"], kinds.TakeLast(5));

        // A closed audit's record is immutable: no further step is accepted.
        var late = await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/findings", new { code = "1.1.1", verifiedLevel = 5, finding = "conforms", evidenceExamined = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("closed", (await JsonAsync(late, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The audited levels are now the score, ahead of consensus and median; "cannot be verified" keeps the old source.
        var audited = await SummaryNowAsync(admin, "1.1.1");
        Assert.Equal(("audited", 3m), (audited.GetProperty("scoreSource").GetString(), audited.GetProperty("score").GetDecimal()));
        Assert.Equal("not-rated", (await SummaryNowAsync(admin, "1.1.2")).GetProperty("scoreSource").GetString());

        // Anyone, without an account: the exact bytes, the signature and the published key verify; one changed byte does not.
        var canonical = await (await anonymous.Http.GetAsync($"/verify/{code}/attestation.json")).Content.ReadAsByteArrayAsync();
        var signature = await (await anonymous.Http.GetAsync($"/verify/{code}/attestation.sig")).Content.ReadAsByteArrayAsync();
        var pem = await anonymous.Http.GetStringAsync("/.well-known/citymaturity-attestation-keys/verify-ltd.pem");
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        Assert.True(key.VerifyData(canonical, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var tampered = (byte[])canonical.Clone();
        tampered[Encoding.UTF8.GetString(canonical).IndexOf("\"opinion\":\"", StringComparison.Ordinal) + 11] ^= 0x01;
        Assert.False(key.VerifyData(tampered, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        var text = Encoding.UTF8.GetString(canonical);
        Assert.Contains("\"auditBody\":\"Verify Ltd\"", text, StringComparison.Ordinal);
        Assert.Contains("{\"code\":\"1.1.1\",\"dimension\":\"1\",\"verifiedLevel\":\"3\",\"finding\":\"minor_gap\"}", text, StringComparison.Ordinal);
        Assert.Contains($"\"recordHash\":\"{record.GetProperty("check").GetProperty("headHash").GetString()}\"", text, StringComparison.Ordinal);

        // The paste check says the same, and the public page shows the statement.
        var ok = await JsonAsync(await anonymous.Http.PostAsJsonAsync("/verify/check", new { attestation = text, signature = Convert.ToBase64String(signature) }));
        Assert.True(ok.GetProperty("signatureValid").GetBoolean() && ok.GetProperty("knownHere").GetBoolean());
        var bad = await JsonAsync(await anonymous.Http.PostAsJsonAsync("/verify/check", new { attestation = Encoding.UTF8.GetString(tampered), signature = Convert.ToBase64String(signature) }));
        Assert.False(bad.GetProperty("signatureValid").GetBoolean());
        var page = await anonymous.Http.GetAsync($"/verify/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Verified with reservations", html, StringComparison.Ordinal);
        Assert.Contains("In force", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/verify/{AttestationSignature.NewCode()}/attestation.json")).StatusCode);

        // The city sees what the auditor opened.
        var log = await JsonAsync(await admin.Http.GetAsync($"/api/assessments/{_world.AssessmentId}/audits/{auditId}/access-log"));
        Assert.Contains(log.EnumerateArray(), row => row.GetProperty("what").GetString() == "finding" && row.GetProperty("who").GetString() == "auditor");
    }

    [Fact]
    public async Task Tampering_with_one_entry_row_in_the_database_breaks_the_chain()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var auditId = await _world.EngageAsync(admin);
        await _world.RunToClosedAsync(auditId, admin, auditor);
        var audits = _world.World.Services.GetRequiredService<AuditService>();
        Assert.True((await audits.VerifyChainAsync(auditId)).Holds);

        await using (var db = await _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            var changed = await db.Database.ExecuteSqlAsync(
                $"UPDATE audit_entries SET details = replace(details, '\"verifiedLevel\":\"3\"', '\"verifiedLevel\":\"5\"') WHERE audit_id = {auditId} AND details LIKE '%\"verifiedLevel\":\"3\"%'");
            Assert.Equal(1, changed);
        }

        var check = await audits.VerifyChainAsync(auditId);
        Assert.False(check.Holds);
        Assert.Contains("changed after it was written", check.Break!.Reason, StringComparison.Ordinal);
        var record = await JsonAsync(await admin.Http.GetAsync($"/api/assessments/{_world.AssessmentId}/audits/{auditId}/record"));
        Assert.False(record.GetProperty("check").GetProperty("holds").GetBoolean());
    }

    [Fact]
    public async Task Assessed_figures_are_frozen_while_under_audit_and_the_message_says_why()
    {
        using var admin = await _world.ClientAsync("org_admin");
        var auditId = await _world.EngageAsync(admin);
        var services = _world.World.Services;

        var session = await _world.World.SessionAsync(_world.World.AnaToken);
        var values = new RatingValues(LevelAnswer.Of(MaturityLevel.Improving), LevelAnswer.Of(MaturityLevel.Improving), null, []);
        var refused = Assert.IsType<SaveOutcome.Rejected>(await _world.World.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(session, "1.1.1", values, 1, null)));
        Assert.Contains("under external audit by Verify Ltd", refused.Message, StringComparison.Ordinal);

        var csv = "participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_two_years,comment\r\nana@example.org,Ana Silva,Local government,1.2.1,3,3,\r\n";
        var import = await _world.World.WithAsync(sp => sp.GetRequiredService<RatingImportService>().ImportAsync(_world.AssessmentId, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null));
        Assert.False(import.Succeeded);
        Assert.Contains("frozen", Assert.Single(import.Problems).Message, StringComparison.Ordinal);

        var reopen = await Assert.ThrowsAsync<CityMaturity.Application.Organisations.ValidationException>(() =>
            _world.World.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.AssessmentId, AssessmentStatus.Open); return 0; }));
        Assert.Contains("frozen", reopen.Message, StringComparison.Ordinal);

        // Revoking the engagement lifts the freeze.
        await JsonAsync(await AuditWorld.PostAsync(admin, $"/api/assessments/{_world.AssessmentId}/audits/{auditId}/revoke"));
        await _world.World.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.AssessmentId, AssessmentStatus.Open); return 0; });
        Assert.IsType<SaveOutcome.Saved>(await _world.World.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(session, "1.1.1", values, 1, null)));
        Assert.NotNull(services);
    }

    [Fact]
    public async Task A_consensus_decision_is_refused_while_under_audit()
    {
        using var admin = await _world.ClientAsync("org_admin");
        var workshops = (IServiceProvider sp) => sp.GetRequiredService<WorkshopService>();
        await _world.World.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.AssessmentId, AssessmentStatus.Open); return 0; });
        var (workshop, startRefusal) = await _world.World.WithAsync(sp => workshops(sp).StartAsync(_world.AssessmentId, ["1.1.1"], allowWalkIns: false, null));
        Assert.Null(startRefusal);
        await _world.World.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.AssessmentId, AssessmentStatus.Closed); return 0; });
        await _world.EngageAsync(admin);

        var outcome = await _world.World.WithAsync(sp => workshops(sp).RecordDecisionAsync(_world.AssessmentId, workshop!.Id, MaturityLevel.Improving, null, "Agreed", [], null));

        Assert.Contains("under external audit", outcome.Refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditors_see_only_while_their_grant_holds_and_others_see_nothing()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        using var otherAuditor = await _world.ClientAsync("other_auditor");
        using var member = await _world.ClientAsync("member");
        using var facilitator = await _world.ClientAsync("facilitator");
        using var otherCity = await _world.ClientAsync("other_org_admin");
        var auditId = await _world.EngageAsync(admin);
        var workspace = $"/api/audits/{auditId}";
        var cityView = $"/api/assessments/{_world.AssessmentId}/audits/{auditId}";

        Assert.Equal(HttpStatusCode.OK, (await auditor.Http.GetAsync(workspace)).StatusCode);
        foreach (var outsider in new[] { otherAuditor, member, facilitator, admin, otherCity })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync(workspace)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(outsider, $"{workspace}/start")).StatusCode);
        }

        // The city side: managers read; only the administrator engages, revokes and withdraws; auditors and others get 404.
        Assert.Equal(HttpStatusCode.OK, (await facilitator.Http.GetAsync(cityView)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await facilitator.Http.GetAsync($"{cityView}/access-log")).StatusCode);
        foreach (var outsider in new[] { auditor, member, otherCity })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync(cityView)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"{cityView}/access-log")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(facilitator, $"{cityView}/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.Http.PostAsJsonAsync($"/api/assessments/{_world.AssessmentId}/audits", new { auditBody = "verify-ltd", from = AuditWorld.Today, until = AuditWorld.Today })).StatusCode);

        // Another assessment's address with this audit's id: 404.
        var second = await SecondClosedAssessmentAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/api/assessments/{second}/audits/{auditId}")).StatusCode);

        // An expired grant (on the second assessment) shows nothing; a revoked one stops at once.
        var expired = await _world.EngageAsync(admin, second, AuditWorld.Today.AddDays(-60), AuditWorld.Today.AddDays(-30));
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.Http.GetAsync($"/api/audits/{expired}")).StatusCode);
        await JsonAsync(await AuditWorld.PostAsync(admin, $"{cityView}/revoke"));
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.Http.GetAsync(workspace)).StatusCode);
        Assert.Equal(0, (await JsonAsync(await auditor.Http.GetAsync("/api/audits"))).GetArrayLength());

        // A body-less post (what a cross-site form could send) is refused before anything happens.
        var form = await auditor.Http.PostAsync($"{workspace}/start", new FormUrlEncodedContent([]));
        Assert.True(form.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, form.StatusCode.ToString());
    }

    [Fact]
    public async Task Participants_are_pseudonymous_to_auditors_unless_the_city_shows_them()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var auditId = await _world.EngageAsync(admin);

        var hidden = await auditor.Http.GetStringAsync($"/api/audits/{auditId}");
        Assert.Contains("\"P01\"", hidden, StringComparison.Ordinal);
        Assert.Contains("\"P02\"", hidden, StringComparison.Ordinal);
        foreach (var personal in new[] { "Ana Silva", "ana@example.org", "Ben Okafor", "ben@example.org" })
        {
            Assert.DoesNotContain(personal, hidden, StringComparison.OrdinalIgnoreCase);
        }

        var code = await _world.RunToClosedAsync(auditId, admin, auditor);
        using var anonymous = TestClient.Create(_world.Access.Factory);
        var page = await anonymous.Http.GetStringAsync($"/verify/{code}");
        var attestation = await anonymous.Http.GetStringAsync($"/verify/{code}/attestation.json");
        foreach (var personal in new[] { "Ana Silva", "ana@example.org", "Ben Okafor", "ben@example.org" })
        {
            Assert.DoesNotContain(personal, page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(personal, attestation, StringComparison.OrdinalIgnoreCase);
        }

        var second = await SecondClosedAssessmentAsync();
        var shown = await _world.EngageAsync(admin, second, showPersonalData: true);
        var named = await auditor.Http.GetStringAsync($"/api/audits/{shown}");
        Assert.Contains("ana@example.org", named, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawn_attestation_says_so_and_its_levels_stop_counting()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        using var anonymous = TestClient.Create(_world.Access.Factory);
        var auditId = await _world.EngageAsync(admin);
        var code = await _world.RunToClosedAsync(auditId, admin, auditor);
        Assert.Equal("audited", (await SummaryNowAsync(admin, "1.1.1")).GetProperty("scoreSource").GetString());

        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/withdraw", new { text = "An error in the sampling." }));

        var html = await anonymous.Http.GetStringAsync($"/verify/{code}");
        Assert.Contains("Withdrawn on", html, StringComparison.Ordinal);
        Assert.Contains("An error in the sampling.", html, StringComparison.Ordinal);
        var now = await SummaryNowAsync(admin, "1.1.1");
        Assert.Equal(("median", 3m), (now.GetProperty("scoreSource").GetString(), now.GetProperty("score").GetDecimal()));
        var again = await AuditWorld.PostAsync(admin, $"/api/assessments/{_world.AssessmentId}/audits/{auditId}/withdraw", new { text = "twice" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    /// <summary>The city's list and the auditor's list read every audit's view in a fixed number of queries, each view its own.</summary>
    [Fact]
    public async Task The_lists_of_audits_read_all_views_at_once_and_keep_each_audits_own_findings_requests_and_code()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var closed = await _world.EngageAsync(admin);
        var code = await _world.RunToClosedAsync(closed, admin, auditor);
        var revoked = await _world.EngageAsync(admin);
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{revoked}/start"));
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{revoked}/findings", new { code = "1.2.1", verifiedLevel = 1, finding = "major_gap", evidenceExamined = "The register", examinedInDepth = false }));
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{revoked}/requests", new { code = "1.2.1", question = "Where is the register?" }));
        await JsonAsync(await AuditWorld.PostAsync(admin, $"/api/assessments/{_world.AssessmentId}/audits/{revoked}/revoke"));
        var open = await _world.EngageAsync(admin);
        using var scope = _world.World.Services.CreateScope();
        var audits = scope.ServiceProvider.GetRequiredService<AuditService>();

        var (list, commands) = await QueryCounter.CountAsync(() => audits.ForAssessmentAsync(_world.AssessmentId));
        var (single, oneCommands) = await QueryCounter.CountAsync(async () => (IReadOnlyList<AuditView>)[(await audits.ForCityAsync(_world.AssessmentId, revoked))!]);

        Assert.Equal([open, revoked, closed], list.Select(a => a.Id));
        Assert.True(oneCommands >= 2, $"one audit's view took {oneCommands} queries: the counter counts nothing");
        Assert.True(commands <= oneCommands + 1, $"three audits took {commands} queries, one took {oneCommands}");
        var (o, r, c) = (list[0], list[1], list[2]);
        Assert.Equal(("requested", false, 0, 0, null), (o.Status, o.Revoked, o.Findings.Count, o.Requests.Count, o.AttestationCode));
        Assert.Equal(("in_progress", true, "1.2.1", "major_gap", null), (r.Status, r.Revoked, Assert.Single(r.Findings).Code, r.Findings[0].Finding, r.AttestationCode));
        Assert.Equal(("Where is the register?", "open"), (Assert.Single(r.Requests).Question, r.Requests[0].State));
        Assert.Equal(("closed", code, "verified_with_reservations"), (c.Status, c.AttestationCode, c.Opinion));
        Assert.Equal(AuditWorld.MaturityCatalogue().Characteristics.Select(x => x.Code), c.Findings.Select(f => f.Code));
        Assert.Equal(("Please send the published plan.", "answered"), (Assert.Single(c.Requests).Question, c.Requests[0].State));
        Assert.Equal((r.Status, r.Findings.Single().Code, r.Requests.Single().Id), (single[0].Status, single[0].Findings.Single().Code, single[0].Requests.Single().Id));

        // The auditor's list: the grants that hold (the revoked one is gone), newest first, in as few queries.
        var (mine, auditorCommands) = await QueryCounter.CountAsync(() => audits.ForAuditorAsync(_world.Auditor.Id));
        Assert.Equal([open, closed], mine.Select(a => a.Id));
        Assert.Equal(code, mine[1].AttestationCode);
        Assert.True(auditorCommands <= oneCommands + 1, $"two audits took {auditorCommands} queries, one took {oneCommands}");
    }

    /// <summary>The page asks for a reason before withdrawing; the service does too, so the API cannot withdraw without one.</summary>
    [Fact]
    public async Task Withdrawing_an_attestation_without_a_reason_is_refused_on_both_sides_and_it_stays_in_force()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        using var anonymous = TestClient.Create(_world.Access.Factory);
        var auditId = await _world.EngageAsync(admin);
        var code = await _world.RunToClosedAsync(auditId, admin, auditor);

        var byBody = await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/withdraw", new { text = "" });
        var byCity = await AuditWorld.PostAsync(admin, $"/api/assessments/{_world.AssessmentId}/audits/{auditId}/withdraw", new { text = "   " });
        var noText = await AuditWorld.PostAsync(admin, $"/api/assessments/{_world.AssessmentId}/audits/{auditId}/withdraw");

        foreach (var refused in new[] { byBody, byCity, noText })
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("reason", (await JsonAsync(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Contains("In force", await anonymous.Http.GetStringAsync($"/verify/{code}"), StringComparison.Ordinal);
        Assert.DoesNotContain(await _world.World.WithAsync(sp => sp.GetRequiredService<AuditService>().RecordAsync(auditId)), e => e.Kind == "attestation-withdrawn");
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_that_say_what_is_wrong()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var engage = $"/api/assessments/{_world.AssessmentId}/audits";
        var noDates = await admin.Http.PostAsJsonAsync(engage, new { auditBody = "verify-ltd" });
        Assert.Contains("start and end dates", (await JsonAsync(noDates, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var notABody = await admin.Http.PostAsJsonAsync(engage, new { auditBody = "city-b", from = AuditWorld.Today, until = AuditWorld.Today });
        Assert.Contains("no audit body", (await JsonAsync(notABody, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var auditId = await _world.EngageAsync(admin);
        var twice = await admin.Http.PostAsJsonAsync(engage, new { auditBody = "verify-ltd", from = AuditWorld.Today, until = AuditWorld.Today });
        Assert.Contains("already has an open audit", (await JsonAsync(twice, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var api = $"/api/audits/{auditId}";
        var tooEarly = await AuditWorld.PostAsync(auditor, $"{api}/findings", new { code = "1.1.1", verifiedLevel = 3, finding = "conforms", evidenceExamined = "x" });
        Assert.Contains("in progress", (await JsonAsync(tooEarly, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"{api}/start"));
        var badLevel = await AuditWorld.PostAsync(auditor, $"{api}/findings", new { code = "1.1.1", verifiedLevel = 7, finding = "conforms", evidenceExamined = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        var unknownCode = await AuditWorld.PostAsync(auditor, $"{api}/findings", new { code = "9.9", verifiedLevel = 3, finding = "conforms", evidenceExamined = "x" });
        Assert.Contains("not part of", (await JsonAsync(unknownCode, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var incomplete = await AuditWorld.PostAsync(auditor, $"{api}/issue-findings");
        Assert.Contains("missing: 1.1.1", (await JsonAsync(incomplete, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var cityCannotClose = await AuditWorld.PostAsync(auditor, $"{api}/close", new { opinion = "verified" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cityCannotClose.StatusCode);
        var noReservations = await AuditWorld.PostAsync(auditor, $"{api}/close", new { opinion = "verified_with_reservations" });
        Assert.Contains("reservations", (await JsonAsync(noReservations, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evidence_request_is_a_thread_both_sides_follow_up_in_order_in_the_record_and_encoded_on_the_pages()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var auditId = await _world.EngageAsync(admin);
        var api = $"/api/audits/{auditId}";
        var cityApi = $"/api/assessments/{_world.AssessmentId}/audits/{auditId}";
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"{api}/start"));
        var asked = await JsonAsync(await AuditWorld.PostAsync(auditor, $"{api}/requests", new { code = "1.1.1", question = "Please send the council's minutes." }));
        var requestId = asked.GetProperty("requests")[0].GetProperty("id").GetGuid();
        var cityThread = $"{cityApi}/requests/{requestId}/messages";
        var bodyThread = $"{api}/requests/{requestId}/messages";
        await JsonAsync(await AuditWorld.PostAsync(admin, $"{cityApi}/requests/{requestId}/answer", new { text = "Attached." }));

        // The auditor follows up (the request is open again), the city replies (answered again): in the order posted,
        // each with its side, author and time, and user text exactly as typed.
        const string Markup = "<script>alert('x')</script> Which meeting approved it?";
        var first = await JsonAsync(await AuditWorld.PostAsync(auditor, bodyThread, new { text = Markup }));
        var afterFirst = first.GetProperty("requests")[0];
        Assert.Equal("open", afterFirst.GetProperty("state").GetString());
        var reply = await JsonAsync(await AuditWorld.PostAsync(admin, cityThread, new { text = "The meeting of 12 March." }));
        var thread = reply.GetProperty("requests")[0];
        Assert.Equal("answered", thread.GetProperty("state").GetString());
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([("audit_body", Markup), ("city", "The meeting of 12 March.")],
            messages.Select(m => (m.GetProperty("party").GetString(), m.GetProperty("text").GetString())));
        Assert.Equal(["auditor", "org-admin"], messages.Select(m => m.GetProperty("author").GetString()));
        Assert.True(messages[0].GetProperty("postedAt").GetDateTimeOffset() <= messages[1].GetProperty("postedAt").GetDateTimeOffset());
        Assert.Equal(messages.Select(m => m.GetProperty("id").GetGuid()),
            (await JsonAsync(await auditor.Http.GetAsync(api))).GetProperty("audit").GetProperty("requests")[0].GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));

        // Both posts are entries of the audit's record, by their actors, and the chain holds.
        var record = await JsonAsync(await admin.Http.GetAsync($"{cityApi}/record"));
        var posted = record.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "request-message-posted").ToList();
        Assert.Equal(["auditor:", "city:"], posted.Select(e => e.GetProperty("actor").GetString()![..(e.GetProperty("actor").GetString()!.IndexOf(':') + 1)]));
        Assert.Contains(messages[0].GetProperty("id").GetGuid().ToString("D"), posted[0].GetProperty("details").ToString(), StringComparison.Ordinal);
        Assert.True(record.GetProperty("check").GetProperty("holds").GetBoolean());

        // The pages show the text as text.
        foreach (var (role, page) in new[] { ("org_admin", $"/orgs/{_world.Access.CityA.Slug}/assessments/{_world.AssessmentId}/audits"), ("auditor", $"/audits/{auditId}") })
        {
            using var client = await _world.ClientAsync(role);
            var html = await client.Http.GetStringAsync(page);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Which meeting approved it?", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);
        }

        // Nobody else posts: another city, a member without the manage permission, the auditor on the city's side, another
        // body's auditor, a request of no such audit; all 404, and nothing is written.
        foreach (var role in new[] { "other_org_admin", "member", "auditor" })
        {
            using var outsider = await _world.ClientAsync(role);
            Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(outsider, cityThread, new { text = "x" })).StatusCode);
        }

        using (var otherAuditor = await _world.ClientAsync("other_auditor"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(otherAuditor, bodyThread, new { text = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(otherAuditor, $"{api}/requests/{requestId}/close")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(auditor, $"{api}/requests/{Guid.NewGuid()}/messages", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(admin, $"{cityApi}/requests/{Guid.NewGuid()}/messages", new { text = "x" })).StatusCode);
        Assert.Contains("Write the message", (await JsonAsync(await AuditWorld.PostAsync(admin, cityThread, new { text = "  " }), HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The rows are the record's: the database refuses changing or removing them.
        await using (var db = await _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            var changed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_request_messages SET body = 'softened'"));
            Assert.Equal("CM002", changed.SqlState);
            var removed = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_request_messages"));
            Assert.Equal("CM002", removed.SqlState);
        }

        // The auditor closes the request: both sides see "closed", and neither posts to it any more.
        var closed = await JsonAsync(await AuditWorld.PostAsync(auditor, $"{api}/requests/{requestId}/close"));
        Assert.Equal("closed", closed.GetProperty("requests")[0].GetProperty("state").GetString());
        Assert.Equal("closed", (await JsonAsync(await admin.Http.GetAsync(cityApi))).GetProperty("requests")[0].GetProperty("state").GetString());
        Assert.Contains("closed", (await JsonAsync(await AuditWorld.PostAsync(admin, cityThread, new { text = "One more." }), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("closed", (await JsonAsync(await AuditWorld.PostAsync(auditor, bodyThread, new { text = "One more." }), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A grant that has expired: the auditor's post is 404 like any other access.
        await using (var db = await _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE audits SET engaged_from = {AuditWorld.Today.AddDays(-30)}, engaged_until = {AuditWorld.Today.AddDays(-1)} WHERE id = {auditId}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await AuditWorld.PostAsync(auditor, bodyThread, new { text = "Still there?" })).StatusCode);
        Assert.Equal(2, (await JsonAsync(await admin.Http.GetAsync(cityApi))).GetProperty("requests")[0].GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task The_audit_pages_open_for_whom_they_should_and_show_no_personal_data()
    {
        using var admin = await _world.ClientAsync("org_admin");
        var auditId = await _world.EngageAsync(admin);
        var cityPage = $"/orgs/{_world.Access.CityA.Slug}/assessments/{_world.AssessmentId}/audits";
        var workspace = $"/audits/{auditId}";
        var expected = new (string Role, string Path, HttpStatusCode Status)[]
        {
            ("org_admin", cityPage, HttpStatusCode.OK), ("facilitator", cityPage, HttpStatusCode.OK), ("member", cityPage, HttpStatusCode.NotFound),
            ("leader", cityPage, HttpStatusCode.NotFound), ("other_org_admin", cityPage, HttpStatusCode.NotFound), ("auditor", cityPage, HttpStatusCode.NotFound),
            ("auditor", workspace, HttpStatusCode.OK), ("auditor", "/audits", HttpStatusCode.OK), ("other_auditor", workspace, HttpStatusCode.NotFound),
            ("org_admin", workspace, HttpStatusCode.NotFound), ("facilitator", workspace, HttpStatusCode.NotFound), ("system_admin", workspace, HttpStatusCode.NotFound),
        };
        foreach (var (role, path, status) in expected)
        {
            using var client = await _world.ClientAsync(role);
            var response = await client.Http.GetAsync(path);
            Assert.True(response.StatusCode == status, $"{role} {path}: {(int)response.StatusCode}, expected {(int)status}");
            if (status == HttpStatusCode.OK && path == workspace)
            {
                var html = await response.Content.ReadAsStringAsync();
                Assert.Contains("P01", html, StringComparison.Ordinal);
                Assert.DoesNotContain("Ana Silva", html, StringComparison.Ordinal);
                Assert.DoesNotContain("ana@example.org", html, StringComparison.Ordinal);
            }
        }

        using var anonymous = TestClient.Create(_world.Access.Factory);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/verify/{AttestationSignature.NewCode()}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync(workspace)).StatusCode);
    }

    private async Task<Guid> SecondClosedAssessmentAsync() => await _world.World.WithAsync(async sp =>
    {
        var assessments = sp.GetRequiredService<AssessmentService>();
        var catalogue = sp.GetRequiredService<MaturityCatalogue>();
        var created = await assessments.CreateAsync(_world.Access.CityA.Id,
            new NewAssessment("Second", "City A", "baseline-review", AssessmentMethod.MultiStakeholder, [.. catalogue.Characteristics.Select(c => c.Code)], null),
            _world.Access.Users["facilitator"].Id);
        var overview = await assessments.OverviewAsync(created.Id);
        await assessments.AddParticipantAsync(created.Id, "Ana Silva", "ana@example.org", overview.Groups[0].Id);
        await assessments.MoveToAsync(created.Id, AssessmentStatus.Open);
        await assessments.MoveToAsync(created.Id, AssessmentStatus.Closed);
        return created.Id;
    });
}
