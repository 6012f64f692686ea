using System.Net;
using System.Text;
using System.Text.Json;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Evidence;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityMaturity.Integration.Tests.Audits;

/// <summary>
/// What an auditor examines beyond the figures (issue 17): the assessment's evidence, each download logged for the city;
/// documents the city attaches to its answers; the city's indicator values with verification notes and verdicts; and the
/// freeze held by the database itself.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class AuditEvidenceTests(DatabaseFixture database) : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await AuditWorld.CreateAsync(database.Server);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => AuditWorld.JsonAsync(response, expected);

    private string CityApi(Guid auditId) => $"/api/assessments/{_world.AssessmentId}/audits/{auditId}";

    private async Task<Guid> AddDocumentAsync(TestClient client, Guid assessmentId, string code, string name, byte[] content)
    {
        var added = await EvidenceEndpointTests.UploadAsync(client.Http, $"/api/assessments/{assessmentId}/evidence/document?code={code}&name={Uri.EscapeDataString(name)}", content);
        return (await JsonAsync(added, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_auditor_sees_the_evidence_and_every_download_is_in_the_citys_access_log()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var plan = SampleFiles.Pdf("Strategy 2026");
        var documentId = await AddDocumentAsync(admin, _world.AssessmentId, "1.1.1", "Strategy 2026.pdf", plan);
        var auditId = await _world.EngageAsync(admin);

        var workspace = await JsonAsync(await auditor.Http.GetAsync($"/api/audits/{auditId}"));
        var item = Assert.Single(workspace.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("id").GetGuid() == documentId);
        Assert.Equal(("1.1.1", "document", "Strategy 2026.pdf"), (item.GetProperty("code").GetString(), item.GetProperty("kind").GetString(), item.GetProperty("title").GetString()));

        var file = $"/api/audits/{auditId}/evidence/{documentId}/file";
        var download = await auditor.Http.GetAsync(file);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(plan, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        await auditor.Http.GetAsync(file);

        var log = await JsonAsync(await admin.Http.GetAsync($"{CityApi(auditId)}/access-log"));
        var downloads = log.EnumerateArray().Select(row => row.GetProperty("what").GetString()!).Where(what => what.StartsWith("downloaded", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, downloads.Count);
        Assert.All(downloads, what => Assert.Contains("1.1.1 “Strategy 2026.pdf”", what, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evidence_files_answer_404_to_everyone_without_an_active_grant_and_log_nothing()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var documentId = await AddDocumentAsync(admin, _world.AssessmentId, "1.1.1", "plan.pdf", SampleFiles.Pdf());
        var auditId = await _world.EngageAsync(admin);
        var file = $"/api/audits/{auditId}/evidence/{documentId}/file";

        foreach (var role in new[] { "other_auditor", "org_admin", "facilitator", "member", "other_org_admin", "system_admin" })
        {
            using var client = await _world.ClientAsync(role);
            Assert.True((await client.Http.GetAsync(file)).StatusCode == HttpStatusCode.NotFound, $"{role} got the file");
        }

        using var anonymous = TestClient.Create(_world.Access.Factory);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync(file)).StatusCode);

        // A document of another assessment through this audit's address: 404 even for the granted auditor.
        var second = await _world.World.WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            var created = await assessments.CreateAsync(_world.Access.CityA.Id,
                new NewAssessment("Other", "City A", "baseline-review", CityMaturity.Domain.Assessments.AssessmentMethod.MultiStakeholder, ["1.1.1"], null),
                _world.Access.Users["facilitator"].Id);
            return created.Id;
        });
        var foreign = await AddDocumentAsync(admin, second, "1.1.1", "foreign.pdf", SampleFiles.Pdf("Foreign"));
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.Http.GetAsync($"/api/audits/{auditId}/evidence/{foreign}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.Http.GetAsync($"/api/audits/{auditId}/evidence/{Guid.NewGuid()}/file")).StatusCode);

        // Revoked: the granted auditor loses the file at once.
        Assert.Equal(HttpStatusCode.OK, (await auditor.Http.GetAsync(file)).StatusCode);
        await JsonAsync(await AuditWorld.PostAsync(admin, $"{CityApi(auditId)}/revoke"));
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.Http.GetAsync(file)).StatusCode);

        var log = await JsonAsync(await admin.Http.GetAsync($"{CityApi(auditId)}/access-log"));
        Assert.Single(log.EnumerateArray(), row => row.GetProperty("what").GetString()!.StartsWith("downloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_city_attaches_documents_to_an_answer_and_the_auditor_opens_them()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        using var otherCity = await _world.ClientAsync("other_org_admin");
        var auditId = await _world.EngageAsync(admin);
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/start"));
        var asked = await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/requests", new { code = "1.1.2", question = "Please send the published plan." }));
        var requestId = asked.GetProperty("requests")[0].GetProperty("id").GetGuid();
        var attach = $"{CityApi(auditId)}/requests/{requestId}/documents?name={Uri.EscapeDataString("Published plan.pdf")}";
        var plan = SampleFiles.Pdf("Published plan");

        Assert.Equal(HttpStatusCode.NotFound, (await EvidenceEndpointTests.UploadAsync(otherCity.Http, attach, plan)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EvidenceEndpointTests.UploadAsync(auditor.Http, attach, plan)).StatusCode);
        var wrongType = await EvidenceEndpointTests.UploadAsync(admin.Http, attach, plan, "multipart/form-data");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var html = await EvidenceEndpointTests.UploadAsync(admin.Http, attach, SampleFiles.Html());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);

        var attached = await JsonAsync(await EvidenceEndpointTests.UploadAsync(admin.Http, attach, plan), HttpStatusCode.Created);
        var document = Assert.Single(attached.GetProperty("requests")[0].GetProperty("documents").EnumerateArray());
        Assert.Equal("Published plan.pdf", document.GetProperty("title").GetString());
        var evidenceId = document.GetProperty("evidenceId").GetGuid();

        // It is evidence of the request's characteristic as well, and the audit's record names it with its hash.
        var evidence = await JsonAsync(await admin.Http.GetAsync($"/api/assessments/{_world.AssessmentId}/evidence"));
        Assert.Contains(evidence.EnumerateArray(), e => e.GetProperty("id").GetGuid() == evidenceId && e.GetProperty("code").GetString() == "1.1.2");
        var record = await JsonAsync(await admin.Http.GetAsync($"{CityApi(auditId)}/record"));
        var entry = Assert.Single(record.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "request-document-attached");
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(plan)), entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.True(record.GetProperty("check").GetProperty("holds").GetBoolean());

        // The auditor sees it in the thread and opens it (logged); once answered, nothing more can be attached.
        var workspace = await JsonAsync(await auditor.Http.GetAsync($"/api/audits/{auditId}"));
        Assert.Equal(evidenceId, workspace.GetProperty("audit").GetProperty("requests")[0].GetProperty("documents")[0].GetProperty("evidenceId").GetGuid());
        Assert.Equal(plan, await auditor.Http.GetByteArrayAsync($"/api/audits/{auditId}/evidence/{evidenceId}/file"));
        await JsonAsync(await AuditWorld.PostAsync(admin, $"{CityApi(auditId)}/requests/{requestId}/answer", new { text = "Attached." }));
        var late = await EvidenceEndpointTests.UploadAsync(admin.Http, attach, SampleFiles.Pdf("Late"));
        Assert.Contains("already answered", (await JsonAsync(late, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var items = await JsonAsync(await admin.Http.GetAsync($"/api/assessments/{_world.AssessmentId}/evidence"));
        Assert.Single(items.EnumerateArray(), e => e.GetProperty("code").GetString() == "1.1.2"); // the refused one left nothing behind
    }

    [Fact]
    public async Task Indicator_values_carry_verification_notes_and_the_city_sees_the_verdicts()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var csv = "indicator_code,year,value,unit,numerator,denominator,source,note\r\n"
                  + "EC: I: ES: 3C,2025,96.5,%,,,Electricity utility register 2025,\r\n"
                  + "L1.1.1,2025,51,%,,,City survey,\r\n";
        var imported = await _world.World.WithAsync(sp => sp.GetRequiredService<IndicatorDataService>()
            .ImportAsync(_world.Access.CityA.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), null));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Problems));
        var auditId = await _world.EngageAsync(admin);
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/start"));

        var values = (await JsonAsync(await auditor.Http.GetAsync($"/api/audits/{auditId}"))).GetProperty("indicatorValues").EnumerateArray().ToList();
        var electricity = Assert.Single(values, v => v.GetProperty("indicatorCode").GetString() == "EC: I: ES: 3C");
        Assert.Contains(electricity.GetProperty("verificationNotes").EnumerateArray(), note => note.GetString()!.Contains("electricity utility", StringComparison.Ordinal));
        Assert.Equal("Electricity utility register 2025", electricity.GetProperty("source").GetString());
        var iso = Assert.Single(values, v => v.GetProperty("indicatorCode").GetString() == "L1.1.1");
        // Every shipped indicator has notes now (issue 17), ISO/IEC 30146 ones too: ours, from the indicator's definition.
        Assert.Contains(iso.GetProperty("verificationNotes").EnumerateArray(), note => note.GetString()!.StartsWith("Recompute: government services that can be completed at one physical place ÷ all government services", StringComparison.Ordinal));

        var id = electricity.GetProperty("id").GetGuid();
        var noReason = await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/indicator-checks", new { indicatorValueId = id, verdict = "queried" });
        Assert.Contains("needs a reason", (await JsonAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/indicator-checks", new { indicatorValueId = id, verdict = "queried", reason = "Counts connections, not households." }));

        var checks = await JsonAsync(await admin.Http.GetAsync($"{CityApi(auditId)}/indicator-checks"));
        var seen = Assert.Single(checks.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(("queried", "Counts connections, not households."), (seen.GetProperty("verdict").GetString(), seen.GetProperty("reason").GetString()));
        using var otherCity = await _world.ClientAsync("other_org_admin");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCity.Http.GetAsync($"{CityApi(auditId)}/indicator-checks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.Http.GetAsync($"{CityApi(auditId)}/indicator-checks")).StatusCode);

        // The auditor's page reads the values again after each verdict without logging an opening (the verdict's step
        // logs itself): the city's log gets one line per genuine opening.
        async Task<int> LoggedAsync() => (await JsonAsync(await admin.Http.GetAsync($"{CityApi(auditId)}/access-log"))).GetArrayLength();
        var logged = await LoggedAsync();
        var reread = await _world.World.WithAsync(sp => sp.GetRequiredService<AuditService>().WorkspaceAsync(auditId, _world.Auditor.Id, what: null));
        Assert.Equal(id, reread!.IndicatorValues.Single(v => v.Verdict == "queried").Id);
        Assert.Equal(logged, await LoggedAsync());
        Assert.NotNull(await _world.World.WithAsync(sp => sp.GetRequiredService<AuditService>().WorkspaceAsync(auditId, _world.Auditor.Id, "indicator values")));
        Assert.Equal(logged + 1, await LoggedAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_raw_write_of_frozen_figures_and_says_why()
    {
        using var admin = await _world.ClientAsync("org_admin");
        var factory = _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>();
        var assessmentId = _world.AssessmentId;
        async Task<int> ExecuteAsync(FormattableString sql)
        {
            await using var db = await factory.CreateDbContextAsync();
            return await db.Database.ExecuteSqlAsync(sql);
        }

        // Not frozen yet: the same statement goes through (the trigger refuses only under audit).
        Assert.True(await ExecuteAsync($"UPDATE ratings SET comment = 'before' WHERE assessment_id = {assessmentId}") > 0);
        var auditId = await _world.EngageAsync(admin);

        var rating = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"UPDATE ratings SET level_now = '5' WHERE assessment_id = {assessmentId}"));
        Assert.Equal("CM001", rating.SqlState); // V0023: a state of its own, which the application answers as a refusal
        Assert.Contains("under external audit by Verify Ltd (requested): its ratings are frozen", rating.MessageText, StringComparison.Ordinal);
        var removal = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"DELETE FROM ratings WHERE assessment_id = {assessmentId}"));
        Assert.Contains("its ratings are frozen", removal.MessageText, StringComparison.Ordinal);
        var decision = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            $"INSERT INTO consensus_decisions (id, assessment_id, characteristic_code, level_now, rationale) VALUES ({Guid.NewGuid()}, {assessmentId}, '1.1.1', 5, 'by hand')"));
        Assert.Contains("its consensus decisions are frozen", decision.MessageText, StringComparison.Ordinal);
        var reopen = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"UPDATE assessments SET status = 'open' WHERE id = {assessmentId}"));
        Assert.Contains("its status and scope are frozen", reopen.MessageText, StringComparison.Ordinal);
        Assert.Equal(1, await ExecuteAsync($"UPDATE assessments SET name = 'Renamed under audit' WHERE id = {assessmentId}")); // not a figure

        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.DoesNotContain(await db.Ratings.AsNoTracking().Where(r => r.AssessmentId == assessmentId).Select(r => EF.Property<string?>(r, RatingColumns.LevelNow)).ToListAsync(), level => level == "5");
        }

        // Revoking the engagement lifts the database's freeze as it lifts the application's.
        await JsonAsync(await AuditWorld.PostAsync(admin, $"{CityApi(auditId)}/revoke"));
        Assert.True(await ExecuteAsync($"UPDATE ratings SET level_now = '5' WHERE assessment_id = {assessmentId}") > 0);
    }
    /// <summary>
    /// A write path that skips the application's freeze check meets the database's trigger (V0023): the answer is the
    /// trigger's sentence as a refusal — problem details for a JSON client, a plain page for a person — never a 500.
    /// The rating save asks the freeze only when the assessment takes no answers (engaging needs a closed assessment),
    /// so raw SQL that reopens an audited assessment leaves that save to the database alone.
    /// </summary>
    [Fact]
    public async Task A_write_that_skips_the_applications_freeze_check_gets_the_databases_sentence_as_a_refusal()
    {
        var factory = _world.World.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>();
        var assessmentId = _world.AssessmentId;
        var anaId = _world.World.Ana.Id;
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE assessments SET status = 'open' WHERE id = {assessmentId}");
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO audits (id, assessment_id, audit_body_id, engaged_from, engaged_until, status, created_at) VALUES ({Guid.NewGuid()}, {assessmentId}, {_world.VerifyLtd.Id}, {AuditWorld.Today.AddDays(-1)}, {AuditWorld.Today.AddDays(30)}, 'requested', now())");
        }

        int version;
        await using (var db = await factory.CreateDbContextAsync())
        {
            version = await db.Ratings.AsNoTracking().Where(r => r.ParticipantId == anaId && r.CharacteristicCode == "1.1.1").Select(r => r.Version).SingleAsync();
        }

        using var phone = TestClient.Create(_world.Access.Factory);
        async Task<HttpResponseMessage> SaveAsync(string accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/rate/{_world.World.AnaToken}/save")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { code = "1.1.1", now = "5", inTwoYears = "5", version }),
            };
            request.Headers.Accept.ParseAdd(accept);
            return await phone.Http.SendAsync(request);
        }

        const string Sentence = "is under external audit by Verify Ltd (requested): its ratings are frozen until the audit is closed or the engagement revoked.";
        var json = await SaveAsync("application/json");
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Sentence, (await JsonAsync(json, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var page = await SaveAsync("text/html");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(WebUtility.HtmlEncode(Sentence), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = await factory.CreateDbContextAsync())
        {
            var level = await db.Ratings.AsNoTracking().Where(r => r.ParticipantId == anaId && r.CharacteristicCode == "1.1.1").Select(r => EF.Property<string?>(r, RatingColumns.LevelNow)).SingleAsync();
            Assert.Equal("2", level);
        }
    }

    /// <summary>
    /// A document an answer to the auditor cites stays while the audit is open: removing it is refused with a sentence
    /// naming the audit. After the audit (here: the engagement revoked) it can go; the record keeps its name and hash.
    /// </summary>
    [Fact]
    public async Task A_document_an_answer_cites_cannot_be_removed_while_the_audit_is_open()
    {
        using var admin = await _world.ClientAsync("org_admin");
        using var auditor = await _world.ClientAsync("auditor");
        var auditId = await _world.EngageAsync(admin);
        await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/start"));
        var asked = await JsonAsync(await AuditWorld.PostAsync(auditor, $"/api/audits/{auditId}/requests", new { code = "1.1.2", question = "Please send the minutes." }));
        var requestId = asked.GetProperty("requests")[0].GetProperty("id").GetGuid();
        var minutes = SampleFiles.Pdf("Minutes");
        var attached = await JsonAsync(await EvidenceEndpointTests.UploadAsync(admin.Http, $"{CityApi(auditId)}/requests/{requestId}/documents?name=Minutes.pdf", minutes), HttpStatusCode.Created);
        var evidenceId = attached.GetProperty("requests")[0].GetProperty("documents")[0].GetProperty("evidenceId").GetGuid();
        var other = await AddDocumentAsync(admin, _world.AssessmentId, "1.1.2", "Not cited.pdf", SampleFiles.Pdf("Other"));
        var remove = $"/api/assessments/{_world.AssessmentId}/evidence/{evidenceId}";

        var refused = await JsonAsync(await admin.Http.DeleteAsync(remove), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Verify Ltd", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("audit", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var thread = await JsonAsync(await auditor.Http.GetAsync($"/api/audits/{auditId}"));
        Assert.False(thread.GetProperty("audit").GetProperty("requests")[0].GetProperty("documents")[0].GetProperty("removed").GetBoolean());
        Assert.Equal(minutes, await auditor.Http.GetByteArrayAsync($"/api/audits/{auditId}/evidence/{evidenceId}/file"));
        await JsonAsync(await admin.Http.DeleteAsync($"/api/assessments/{_world.AssessmentId}/evidence/{other}")); // an item no answer cites goes

        await JsonAsync(await AuditWorld.PostAsync(admin, $"{CityApi(auditId)}/revoke"));
        await JsonAsync(await admin.Http.DeleteAsync(remove));
        var view = await JsonAsync(await admin.Http.GetAsync(CityApi(auditId)));
        Assert.True(view.GetProperty("requests")[0].GetProperty("documents")[0].GetProperty("removed").GetBoolean());
        var record = await JsonAsync(await admin.Http.GetAsync($"{CityApi(auditId)}/record"));
        var entry = Assert.Single(record.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "request-document-attached");
        Assert.Contains("Minutes.pdf", entry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(minutes)), entry.GetProperty("details").GetString(), StringComparison.Ordinal);
    }
}
