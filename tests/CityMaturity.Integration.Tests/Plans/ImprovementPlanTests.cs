using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Plans;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Integration.Tests.Cycles;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Integration.Tests.Plans;

/// <summary>Actions are stored, changed and audited on the real database; bad drafts are refused with a clear message; the exports read back.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ImprovementPlanTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("plans", server => AssessmentWorld.CreateAsync(server));

    public Task DisposeAsync() => Task.CompletedTask;

    private Guid CityA => _world.Access.CityA.Id;

    private Guid Facilitator => _world.Access.Users["facilitator"].Id;

    private ImprovementPlanService Plans => _world.Services.GetRequiredService<ImprovementPlanService>();

    private string AnyDocument => _world.Services.GetRequiredService<MaturityCatalogue>().Documents[0].Code;

    private string IndicatorFor(string characteristic)
    {
        var library = _world.Services.GetRequiredService<IndicatorLibrary>();
        return library.LinksFor(characteristic).Select(l => l.IndicatorCode).FirstOrDefault() ?? library.Indicators.First().Code;
    }

    private ActionDraft Draft(string title = "Publish the open-data roadmap", DateOnly? due = null) => new(
        "1.1.1", title, null, "Digital office", due ?? new DateOnly(2030, 3, 31), ActionStatus.Planned, [AnyDocument],
        [new IndicatorTargetDraft(IndicatorFor("1.1.1"), 75.5m, 2028)]);

    private async Task<Assessment> AssessmentAsync(string name) =>
        (await _world.WithAsync(sp => CycleServiceTests.ClosedAssessmentAsync(sp, CityA, name, new DateOnly(2024, 6, 1)))).Assessment;

    [Fact]
    public async Task An_action_is_stored_with_every_field_and_each_change_is_audited_with_who_before_and_after()
    {
        var assessment = await AssessmentAsync("Plan CRUD");

        var added = await Plans.AddAsync(CityA, assessment.Id, Draft(), Facilitator);
        await Plans.UpdateAsync(CityA, assessment.Id, added.Id, Draft() with { Title = "Publish the roadmap", Status = ActionStatus.InProgress, OwnerName = null, OwnerUserId = Facilitator }, Facilitator);

        var listed = Assert.Single(await Plans.ListAsync(CityA, assessment.Id, judgeTargets: false));
        Assert.Equal(("Publish the roadmap", ActionStatus.InProgress, Facilitator, (string?)null), (listed.Action.Title, listed.Action.Status, listed.Action.OwnerUserId, listed.Action.OwnerName));
        Assert.True(listed.OwnerIsMember);
        var target = Assert.Single(listed.Action.Indicators);
        Assert.Equal((75.5m, 2028), (target.TargetValue, target.TargetYear));

        var history = await Plans.HistoryAsync(CityA, assessment.Id, added.Id);
        // Created: every field with an empty "before"; then exactly the three fields that changed.
        Assert.All(history.Take(7), change => Assert.Null(change.OldValue));
        Assert.Equal(["characteristic", "title", "owner", "due_date", "status", "iso_documents", "indicators", "title", "owner", "status"], history.Select(h => h.Field));
        var status = history.Last(h => h.Field == "status");
        Assert.Equal(("planned", "in_progress"), (status.OldValue, status.NewValue));
        var owner = history.Last(h => h.Field == "owner");
        Assert.Equal("Digital office", owner.OldValue);
        Assert.EndsWith("(member)", owner.NewValue);
        Assert.All(history, h => Assert.NotEqual("(someone no longer registered)", h.By));
    }

    [Fact]
    public async Task Saving_an_unchanged_action_writes_no_audit_row()
    {
        var assessment = await AssessmentAsync("Plan unchanged");
        var added = await Plans.AddAsync(CityA, assessment.Id, Draft(), Facilitator);

        await Plans.UpdateAsync(CityA, assessment.Id, added.Id, Draft(), Facilitator);

        Assert.Equal(7, (await Plans.HistoryAsync(CityA, assessment.Id, added.Id)).Count);
    }

    public static TheoryData<string, string> BadDrafts => new()
    {
        { "no-title", ActionDraftValidator.TitleRule },
        { "two-owners", ActionDraftValidator.OwnerRule },
        { "no-owner", ActionDraftValidator.OwnerRule },
        { "no-date", ActionDraftValidator.DueDateRule },
        { "unknown-document", "Choose ISO documents from the catalogue's list of documents that help (Table 3)." },
        { "unknown-indicator", "No indicator framework has the code “NOPE-1”: choose an indicator from the library." },
        { "no-target", "should reach." },
        { "out-of-scope", "Characteristic 4.1 is not in this assessment's scope: choose one it covers." },
        { "stranger-owner", "The owner chosen is not a member of this organisation: choose a member or type a name." },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task A_bad_draft_is_refused_with_a_message_that_says_what_to_do(string bad, string message)
    {
        var assessment = await AssessmentAsync("Plan refusals " + bad);
        var draft = Draft();
        draft = bad switch
        {
            "no-title" => draft with { Title = "  " },
            "two-owners" => draft with { OwnerUserId = Facilitator },
            "no-owner" => draft with { OwnerName = null },
            "no-date" => draft with { DueDate = null },
            "unknown-document" => draft with { Documents = ["ISO 99999"] },
            "unknown-indicator" => draft with { Indicators = [new IndicatorTargetDraft("NOPE-1", 1, 2028)] },
            "no-target" => draft with { Indicators = [new IndicatorTargetDraft(IndicatorFor("1.1.1"), null, 2028)] },
            "out-of-scope" => draft with { CharacteristicCode = "4.1" },
            "stranger-owner" => draft with { OwnerName = null, OwnerUserId = _world.Access.Users["other_org_admin"].Id },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Plans.AddAsync(CityA, assessment.Id, draft, Facilitator));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await Plans.ListAsync(CityA, assessment.Id, judgeTargets: false));
    }

    [Fact]
    public async Task Another_organisations_ids_find_nothing()
    {
        var assessment = await AssessmentAsync("Plan isolation");
        var added = await Plans.AddAsync(CityA, assessment.Id, Draft(), Facilitator);
        var cityB = _world.Access.CityB.Id;

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Plans.AddAsync(cityB, assessment.Id, Draft(), Facilitator));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Plans.UpdateAsync(cityB, assessment.Id, added.Id, Draft("Hijacked"), Facilitator));
        Assert.Empty(await Plans.ListAsync(cityB, assessment.Id, judgeTargets: false));
        Assert.Empty(await Plans.HistoryAsync(cityB, assessment.Id, added.Id));
    }

    [Fact]
    public async Task Open_actions_past_their_date_are_overdue_and_done_ones_are_not()
    {
        var assessment = await AssessmentAsync("Plan overdue");
        await Plans.AddAsync(CityA, assessment.Id, Draft("Late one", new DateOnly(2001, 1, 1)), Facilitator);
        await Plans.AddAsync(CityA, assessment.Id, Draft("Late but done", new DateOnly(2001, 1, 1)) with { Status = ActionStatus.Done }, Facilitator);
        await Plans.AddAsync(CityA, assessment.Id, Draft("Future", new DateOnly(2099, 1, 1)), Facilitator);

        var listed = await Plans.ListAsync(CityA, assessment.Id, judgeTargets: false);

        Assert.Equal(["Late one"], listed.Where(a => a.Overdue).Select(o => o.Action.Title));
    }

    [Fact]
    public async Task The_exports_read_back_csv_xlsx_calendar_and_json()
    {
        var assessment = await AssessmentAsync("Plan exports");
        var added = await Plans.AddAsync(CityA, assessment.Id, Draft("Roadmap, phase 1; \"pilot\"", new DateOnly(2001, 2, 3)), Facilitator);
        using var client = await _world.Access.ClientAsync("leader");

        var csv = await client.Http.GetByteArrayAsync($"/api/assessments/{assessment.Id}/actions.csv");
        var lines = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", ActionListRow.Header), lines[0]);
        var record = Fields(lines[1]);
        Assert.Equal(["1.1.1", "Roadmap, phase 1; \"pilot\"", "Digital office", "2001-02-03", "planned", "yes"], [record[0], record[2], record[3], record[4], record[5], record[6]]);

        var xlsx = await client.Http.GetByteArrayAsync($"/api/assessments/{assessment.Id}/actions.xlsx");
        using (var zip = new ZipArchive(new MemoryStream(xlsx)))
        {
            var sheet = await new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEndAsync();
            Assert.Contains("Roadmap, phase 1; ", sheet, StringComparison.Ordinal);
            Assert.Contains("Digital office", sheet, StringComparison.Ordinal);
        }

        var ics = await client.Http.GetAsync($"/api/assessments/{assessment.Id}/actions.ics");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var calendar = await ics.Content.ReadAsStringAsync();
        var unfolded = calendar.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains($"UID:{added.Id:D}@citymaturity\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20010203\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Due: Roadmap\\, phase 1\\; \"pilot\"\r\n", unfolded, StringComparison.Ordinal);

        var json = await client.Http.GetFromJsonAsync<JsonElement>($"/api/assessments/{assessment.Id}/actions");
        var action = json.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal(("planned", true), (action.GetProperty("status").GetString(), action.GetProperty("overdue").GetBoolean()));
        Assert.Equal(75.5m, action.GetProperty("indicators")[0].GetProperty("targetValue").GetDecimal());
    }

    [Fact]
    public async Task A_personal_access_token_reads_the_actions_and_a_bad_one_gets_problem_details()
    {
        var assessment = await AssessmentAsync("Plan token");
        await Plans.AddAsync(CityA, assessment.Id, Draft(), Facilitator);
        var (token, _) = await _world.WithAsync(sp => sp.GetRequiredService<PersonalAccessTokenService>().CreateAsync(_world.Access.Users["leader"].Id, "plan test"));
        using var http = _world.Access.Factory.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{assessment.Id}/actions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var ok = await http.SendAsync(request);
        using var bad = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{Guid.NewGuid()}/actions");
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var missing = await http.SendAsync(bad);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Each_indicator_target_is_judged_against_the_published_value_of_its_year_in_the_json_and_csv()
    {
        var library = _world.Services.GetRequiredService<IndicatorLibrary>();
        var indicator = library.Indicators.First(i => i.Direction == IndicatorDirection.HigherIsBetter && i.ValueType == IndicatorValueType.Percentage);
        var data = _world.Services.GetRequiredService<IndicatorDataService>();
        async Task SetAsync(int year, decimal value, IndicatorValueStatus status)
        {
            var current = (await data.YearAsync(CityA, year)).FirstOrDefault(v => v.IndicatorCode == indicator.Code);
            var saved = await data.SaveYearAsync(
                CityA, year, [new IndicatorEdit(indicator.Code, new IndicatorEntry(value, indicator.Unit, null, null, null, null, status), current?.Version)], Facilitator);
            Assert.True(saved.Succeeded, saved.Refusal?.Message);
        }

        await SetAsync(2024, 80, IndicatorValueStatus.Published);
        // A draft is not the city's figure yet: the 2025 target has no published value.
        await SetAsync(2025, 99, IndicatorValueStatus.Draft);
        var assessment = await AssessmentAsync("Plan targets");
        await Plans.AddAsync(CityA, assessment.Id, Draft("Targets checked") with
        {
            CharacteristicCode = "1.1.1",
            Indicators = [new IndicatorTargetDraft(indicator.Code, 75.5m, 2024)],
        }, Facilitator);
        var missed = await Plans.AddAsync(CityA, assessment.Id, Draft("Targets missed") with
        {
            Indicators = [new IndicatorTargetDraft(indicator.Code, 90m, 2024)],
        }, Facilitator);
        await Plans.AddAsync(CityA, assessment.Id, Draft("Targets later") with { Indicators = [new IndicatorTargetDraft(indicator.Code, 90m, 2025)] }, Facilitator);
        using var client = await _world.Access.ClientAsync("leader");

        var json = await client.Http.GetFromJsonAsync<JsonElement>($"/api/assessments/{assessment.Id}/actions");
        var csv = Encoding.UTF8.GetString(await client.Http.GetByteArrayAsync($"/api/assessments/{assessment.Id}/actions.csv"));

        var results = json.GetProperty("actions").EnumerateArray().ToDictionary(
            a => a.GetProperty("title").GetString()!, a => a.GetProperty("indicators")[0]);
        Assert.Equal(("reached", 80m), (results["Targets checked"].GetProperty("result").GetString(), results["Targets checked"].GetProperty("value").GetDecimal()));
        Assert.Equal("not_reached", results["Targets missed"].GetProperty("result").GetString());
        Assert.Equal("not reached (80 in 2024, short by 10; higher is better)", results["Targets missed"].GetProperty("resultText").GetString());
        Assert.Equal("no_value", results["Targets later"].GetProperty("result").GetString());
        Assert.Equal("no published value for 2025 yet", results["Targets later"].GetProperty("resultText").GetString());
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",indicator_results", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Targets missed", StringComparison.Ordinal)
            && Fields(l)[^1] == $"{indicator.Code} → 90 by 2024: not reached (80 in 2024, short by 10; higher is better)");
        // The service judges only when asked (the plan page, the exports); the overdue list and the calendar skip it.
        var judged = Assert.Single((await Plans.ListAsync(CityA, assessment.Id, judgeTargets: true)).Single(a => a.Action.Id == missed.Id).Targets);
        Assert.Equal((TargetVerdict.NotReached, (decimal?)80m), (judged.Verdict, judged.Value?.Value));
        Assert.Empty((await Plans.ListAsync(CityA, assessment.Id, judgeTargets: false)).Single(a => a.Action.Id == missed.Id).Targets);
    }

    /// <summary>The fields of one RFC 4180 line (no line breaks inside fields in these tests).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
