using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Evidence;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Evidence;

/// <summary>Evidence over HTTP: adding from the rating page, the download's headers, the audit rows, who may remove what.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class EvidenceEndpointTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        _client = TestClient.Create(_world.Access.Factory);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _world.DisposeAsync();
    }

    internal static Task<HttpResponseMessage> UploadAsync(HttpClient http, string address, byte[] content, string contentType = "application/octet-stream")
    {
        var body = new ByteArrayContent(content);
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return http.PostAsync(address, body);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<T> DbAsync<T>(Func<CityMaturityDb, Task<T>> read)
    {
        await using var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await read(db);
    }

    [Fact]
    public async Task A_participant_uploads_a_document_to_their_answer_and_it_is_stored_with_its_hash_and_audited()
    {
        var pdf = SampleFiles.Pdf();

        var response = await UploadAsync(_client.Http, $"/rate/{_world.AnaToken}/evidence/document?code=2.3.1&name={Uri.EscapeDataString("Digital plan 2026.pdf")}", pdf);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await JsonAsync(response);
        Assert.Equal("Digital plan 2026.pdf", receipt.GetProperty("title").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), receipt.GetProperty("sha256").GetString());
        var id = receipt.GetProperty("id").GetGuid();
        var item = await DbAsync(db => db.EvidenceItems.SingleAsync(e => e.Id == id));
        Assert.Equal(_world.Ana.Id, item.ParticipantId);
        Assert.Equal(_world.Ana.Id, item.AddedByParticipantId);
        Assert.Equal("application/pdf", item.ContentType);
        Assert.Equal(pdf, await DbAsync(db => db.EvidenceFiles.Where(f => f.EvidenceId == id).Select(f => f.Content).SingleAsync()));
        var change = await DbAsync(db => db.EvidenceChanges.SingleAsync(c => c.EvidenceId == id));
        Assert.Equal(EvidenceAction.Added, change.Action);
        Assert.Equal(_world.Ana.Id, change.ByParticipantId);
        Assert.Contains(receipt.GetProperty("sha256").GetString()!, change.What, StringComparison.Ordinal);

        // The rating page's state counts it, and nothing more (ADR 0052); the card's own evidence carries it, marked as the
        // participant's own; Ben sees it too, without Ana's name.
        var anaState = await JsonAsync(await _client.Http.GetAsync($"/rate/{_world.AnaToken}/state"));
        Assert.Equal(1, anaState.GetProperty("evidenceCounts").GetProperty("2.3.1").GetInt32());
        Assert.False(anaState.TryGetProperty("evidence", out _));
        Assert.DoesNotContain("Digital plan 2026.pdf", anaState.GetRawText(), StringComparison.Ordinal);
        var card = await JsonAsync(await _client.Http.GetAsync($"/rate/{_world.AnaToken}/evidence?code=2.3.1"));
        Assert.Equal("2.3.1", card.GetProperty("code").GetString());
        var shown = Assert.Single(card.GetProperty("items").EnumerateArray());
        Assert.True(shown.GetProperty("mine").GetBoolean());
        // The card gets what it shows and nothing more: no hash, type, date or code (docs/performance.md).
        Assert.Equal(["id", "kind", "title", "url", "sizeBytes", "addedBy", "mine", "onConsensus"], shown.EnumerateObject().Select(p => p.Name));
        Assert.Equal(pdf.Length, shown.GetProperty("sizeBytes").GetInt64());
        var benCard = await _client.Http.GetStringAsync($"/rate/{_world.BenToken}/evidence?code=2.3.1");
        Assert.Contains("Digital plan 2026.pdf", benCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", benCard, StringComparison.Ordinal);
        Assert.Equal(0, (await JsonAsync(await _client.Http.GetAsync($"/rate/{_world.BenToken}/evidence?code=2.3.2"))).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_download_is_an_attachment_of_its_sniffed_type_with_nosniff_and_a_sandboxing_policy()
    {
        // A real PNG named as a PDF: served as what it is, under a name that says so.
        var upload = await UploadAsync(_client.Http, $"/rate/{_world.AnaToken}/evidence/document?code=1.1.1&name=photo.pdf", SampleFiles.Png());
        var id = (await JsonAsync(upload)).GetProperty("id").GetGuid();

        var download = await _client.Http.GetAsync($"/rate/{_world.BenToken}/evidence/{id}/file");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("photo.pdf.png", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = download.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal(SampleFiles.Png(), await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_participant_adds_a_link_and_removes_only_their_own_items_and_a_removal_keeps_the_record()
    {
        var added = await _client.Http.PostAsJsonAsync($"/rate/{_world.AnaToken}/evidence/link", new { code = "1.2.1", url = "https://example.org/open-data" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await JsonAsync(added)).GetProperty("id").GetGuid();

        var byBen = await _client.Http.DeleteAsync($"/rate/{_world.BenToken}/evidence/{id}");
        Assert.Equal(HttpStatusCode.NotFound, byBen.StatusCode);
        Assert.Null((await DbAsync(db => db.EvidenceItems.SingleAsync(e => e.Id == id))).RemovedAt);

        var byAna = await _client.Http.DeleteAsync($"/rate/{_world.AnaToken}/evidence/{id}");
        Assert.Equal(HttpStatusCode.OK, byAna.StatusCode);
        var kept = await DbAsync(db => db.EvidenceItems.SingleAsync(e => e.Id == id));
        Assert.NotNull(kept.RemovedAt);
        Assert.Equal(_world.Ana.Id, kept.RemovedByParticipantId);
        var changes = await DbAsync(db => db.EvidenceChanges.Where(c => c.EvidenceId == id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([EvidenceAction.Added, EvidenceAction.Removed], changes.Select(c => c.Action));
        Assert.All(changes, c => Assert.Contains("https://example.org/open-data", c.What, StringComparison.Ordinal));
        var card = await _client.Http.GetStringAsync($"/rate/{_world.AnaToken}/evidence?code=1.2.1");
        Assert.DoesNotContain("open-data", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_adds_to_the_characteristic_and_to_a_consensus_decision_and_removes_a_participants_item()
    {
        using var facilitator = await _world.Access.ClientAsync("facilitator");
        var decisionId = Guid.NewGuid();
        await DbAsync(async db =>
        {
            db.ConsensusDecisions.Add(new CityMaturity.Domain.Workshops.ConsensusDecision
            {
                Id = decisionId, AssessmentId = _world.Assessment.Id, CharacteristicCode = "4.2", Rationale = "Agreed", RecordedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var api = $"/api/assessments/{_world.Assessment.Id}/evidence";

        var link = await facilitator.Http.PostAsJsonAsync($"{api}/link", new { code = "4.2", url = "https://example.org/minutes", consensusDecisionId = decisionId });
        var document = await UploadAsync(facilitator.Http, $"{api}/document?code=4.2&name=minutes.pdf", SampleFiles.Pdf());
        var indicator = await facilitator.Http.PostAsJsonAsync($"{api}/indicator", new { code = "4.2", indicatorCode = "L1.1.1", year = 2025 });
        var wrongDecision = await facilitator.Http.PostAsJsonAsync($"{api}/link", new { code = "1.1.1", url = "https://example.org/x", consensusDecisionId = decisionId });
        var ana = await _client.Http.PostAsJsonAsync($"/rate/{_world.AnaToken}/evidence/link", new { code = "4.2", url = "https://example.org/ana" });
        var anaId = (await JsonAsync(ana)).GetProperty("id").GetGuid();
        var removed = await facilitator.Http.DeleteAsync($"{api}/{anaId}");

        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        Assert.Equal(HttpStatusCode.Created, document.StatusCode);
        Assert.Equal(HttpStatusCode.Created, indicator.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongDecision.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var list = await JsonAsync(await facilitator.Http.GetAsync(api));
        Assert.Equal(3, list.GetArrayLength());
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("onConsensus").GetBoolean() && i.GetProperty("url").GetString() == "https://example.org/minutes");
        Assert.All(list.EnumerateArray(), i => Assert.Equal("facilitator", i.GetProperty("addedBy").GetString()));
        var removedBy = await DbAsync(db => db.EvidenceItems.Where(e => e.Id == anaId).Select(e => e.RemovedByUserId).SingleAsync());
        Assert.Equal(_world.Access.Users["facilitator"].Id, removedBy);
    }

    public static TheoryData<string, HttpStatusCode, HttpStatusCode> ApiMatrix => new()
    {
        // role, reading the list and a file, adding and removing
        { "anonymous", HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized },
        { "member", HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { "leader", HttpStatusCode.OK, HttpStatusCode.NotFound },
        { "facilitator", HttpStatusCode.OK, HttpStatusCode.Created },
        { "org_admin", HttpStatusCode.OK, HttpStatusCode.Created },
        { "other_org_admin", HttpStatusCode.NotFound, HttpStatusCode.NotFound },
        { "system_admin", HttpStatusCode.NotFound, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(ApiMatrix))]
    public async Task The_evidence_api_answers_each_role_as_intended(string role, HttpStatusCode read, HttpStatusCode write)
    {
        var upload = await UploadAsync(_client.Http, $"/rate/{_world.AnaToken}/evidence/document?code=1.1.1&name=a.pdf", SampleFiles.Pdf());
        var id = (await JsonAsync(upload)).GetProperty("id").GetGuid();
        using var client = await _world.Access.ClientAsync(role);
        var api = $"/api/assessments/{_world.Assessment.Id}/evidence";

        var list = await client.Http.GetAsync(api);
        var file = await client.Http.GetAsync($"{api}/{id}/file");
        var add = await client.Http.PostAsJsonAsync($"{api}/link", new { code = "1.1.1", url = "https://example.org/" + role });
        var remove = await client.Http.DeleteAsync($"{api}/{id}");

        Assert.Equal(read, list.StatusCode);
        Assert.Equal(read, file.StatusCode);
        Assert.Equal(write, add.StatusCode);
        Assert.Equal(write == HttpStatusCode.Created ? HttpStatusCode.OK : write, remove.StatusCode);
        if (read != HttpStatusCode.OK)
        {
            Assert.DoesNotContain("a.pdf", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_participant_reaches_only_their_own_assessments_evidence()
    {
        // A second assessment of City A, where Ana is not a participant, with a document of its own.
        var other = await _world.WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            var created = await assessments.CreateAsync(_world.Access.CityA.Id,
                new NewAssessment("Other", "City A", "baseline-review", AssessmentMethod.MultiStakeholder, ["1.1.1"], null), _world.Access.Users["facilitator"].Id);
            await assessments.MoveToAsync(created.Id, AssessmentStatus.Open);
            return created;
        });
        using var facilitator = await _world.Access.ClientAsync("facilitator");
        var upload = await UploadAsync(facilitator.Http, $"/api/assessments/{other.Id}/evidence/document?code=1.1.1&name=secret.pdf", SampleFiles.Pdf("secret"));
        var id = (await JsonAsync(upload)).GetProperty("id").GetGuid();

        var file = await _client.Http.GetAsync($"/rate/{_world.AnaToken}/evidence/{id}/file");
        var remove = await _client.Http.DeleteAsync($"/rate/{_world.AnaToken}/evidence/{id}");
        var card = await _client.Http.GetStringAsync($"/rate/{_world.AnaToken}/evidence?code=1.1.1");

        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.DoesNotContain("secret.pdf", card, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Http.GetAsync($"/rate/not-a-token/evidence/{id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Http.GetAsync("/rate/not-a-token/evidence?code=1.1.1")).StatusCode);
    }

    [Fact]
    public async Task A_cards_evidence_is_only_for_a_characteristic_of_the_assessment_and_says_what_is_wrong()
    {
        var unknown = await _client.Http.GetAsync($"/rate/{_world.AnaToken}/evidence?code=9.9.9");
        var missing = await _client.Http.GetAsync($"/rate/{_world.AnaToken}/evidence");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not one of this assessment", (await JsonAsync(unknown)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("?code=", (await JsonAsync(missing)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cards_evidence_lists_the_latest_values_with_their_trend_and_at_most_twelve_unless_all_are_asked_for()
    {
        // Published values for every indicator linked to 4.6 (58 links), two years each: 0, then 1 (valid for every type).
        var (linked, directions) = await _world.WithAsync(async sp =>
        {
            var library = sp.GetRequiredService<CityMaturity.Domain.Indicators.IndicatorLibrary>();
            var codes = library.LinksFor("4.6").Select(l => l.IndicatorCode).ToList();
            await using var db = await sp.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            foreach (var code in codes)
            {
                var indicator = library.Find(code)!;
                foreach (var (year, value) in new[] { (2023, 0m), (2024, 1m) })
                {
                    db.IndicatorValues.Add(new CityMaturity.Domain.Indicators.IndicatorValue
                    {
                        Id = Guid.NewGuid(), OrganisationId = _world.Access.CityA.Id, IndicatorCode = indicator.Code, Year = year, Value = value,
                        Unit = indicator.Unit, Status = CityMaturity.Domain.Indicators.IndicatorValueStatus.Published, EnteredAt = DateTimeOffset.UtcNow,
                    });
                }
            }

            await db.SaveChangesAsync();
            return (codes, codes.ToDictionary(c => library.Find(c)!.Code, c => library.Find(c)!.Direction));
        });

        var card = await JsonAsync(await _client.Http.GetAsync($"/rate/{_world.AnaToken}/evidence?code=4.6"));
        var all = await JsonAsync(await _client.Http.GetAsync($"/rate/{_world.AnaToken}/evidence?code=4.6&all=true"));

        Assert.True(linked.Count > RatingCardEvidenceSet.ListedValues);
        Assert.Equal(RatingCardEvidenceSet.ListedValues, card.GetProperty("indicatorFacts").GetArrayLength());
        Assert.Equal(linked.Count - RatingCardEvidenceSet.ListedValues, card.GetProperty("moreIndicatorValues").GetInt32());
        Assert.Equal(linked.Count, all.GetProperty("indicatorFacts").GetArrayLength());
        Assert.Equal(0, all.GetProperty("moreIndicatorValues").GetInt32());
        foreach (var fact in all.GetProperty("indicatorFacts").EnumerateArray())
        {
            var (expectedKey, expectedText) = directions[fact.GetProperty("code").GetString()!] switch
            {
                CityMaturity.Domain.Indicators.IndicatorDirection.HigherIsBetter => ("better", "up from 0 in 2023: better"),
                CityMaturity.Domain.Indicators.IndicatorDirection.LowerIsBetter => ("worse", "up from 0 in 2023: worse"),
                _ => ("up", "up from 0 in 2023"),
            };
            Assert.Equal("1", fact.GetProperty("value").GetString());
            Assert.Equal(2024, fact.GetProperty("year").GetInt32());
            Assert.Equal(expectedKey, fact.GetProperty("trend").GetString());
            Assert.Equal(expectedText, fact.GetProperty("trendText").GetString());
        }
    }
}
