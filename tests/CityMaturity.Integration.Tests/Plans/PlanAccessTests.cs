using System.Net;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Plans;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Integration.Tests.Cycles;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Outcome = CityMaturity.Integration.Tests.Security.AuthorizationMatrixTests.Outcome;

namespace CityMaturity.Integration.Tests.Plans;

/// <summary>
/// The access matrix of the improvement plan's page and of every new endpoint: results readers read, those who manage
/// the assessment change; another organisation (even by City A's ids under its own address) finds nothing.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class PlanAccessTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private Assessment _first = null!;
    private Guid _seriesId;
    private Guid _actionId;
    private Guid _laterId;

    public async Task InitializeAsync()
    {
        _world = await database.SharedAsync("plan-access", server => AssessmentWorld.CreateAsync(server));
        var cityA = _world.Access.CityA.Id;
        var cycles = _world.Services.GetRequiredService<CycleService>();
        if ((await cycles.ListAsync(cityA)).FirstOrDefault(l => l.Series?.Name == "Plan access series") is { } listed)
        {
            _seriesId = listed.Series!.Id;
            _first = listed.Cycles[0];
            _laterId = listed.Cycles[1].Id;
            _actionId = (await _world.Services.GetRequiredService<ImprovementPlanService>().ListAsync(cityA, _first.Id, judgeTargets: false)).Single().Action.Id;
            return;
        }

        (_first, _, _, _) = await _world.WithAsync(sp => CycleServiceTests.ClosedAssessmentAsync(sp, cityA, "Plan access 2022", new DateOnly(2022, 6, 1)));
        _actionId = (await _world.Services.GetRequiredService<ImprovementPlanService>().AddAsync(cityA, _first.Id, new ActionDraft(
            "1.1.1", "Access matrix action", null, "Planning office", new DateOnly(2023, 1, 31), ActionStatus.Planned, [], []), null)).Id;
        var followUp = await cycles.StartFollowUpAsync(cityA, _first.Id, new FollowUp("Plan access 2024", "Plan access series", new DateOnly(2024, 6, 1), []), null);
        _seriesId = followUp.SeriesId!.Value;
        _laterId = followUp.Id;
        // The follow-up must not be a draft for the series to have a comparable pair (the progress report needs one).
        var assessments = _world.Services.GetRequiredService<AssessmentService>();
        await assessments.MoveToAsync(followUp.Id, AssessmentStatus.Open);
        await assessments.MoveToAsync(followUp.Id, AssessmentStatus.Closed);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Roles = ["anonymous", "member", "data_officer", "leader", "facilitator", "org_admin", "other_org_admin", "system_admin"];

    private static Outcome Expected(string role, string target) => (role, target) switch
    {
        ("anonymous", "plan-page") => Outcome.SignInRequired,
        ("anonymous", _) => Outcome.SignInRequired,
        ("leader" or "facilitator" or "org_admin", "plan-as-city-b") => Outcome.NotFound,
        ("leader" or "facilitator" or "org_admin", _) => Outcome.Allowed,
        _ => Outcome.NotFound,
    };

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Roles)
        {
            foreach (var target in new[] { "plan-page", "plan-as-city-b", "actions", "actions.csv", "actions.xlsx", "actions.ics", "action", "action-history", "action-history.csv", "series", "progress.pdf" })
            {
                data.Add(role, target);
            }
        }

        return data;
    }

    private string PathOf(string target) => target switch
    {
        "plan-page" => $"/orgs/city-a/assessments/{_first.Id}/plan",
        "plan-as-city-b" => $"/orgs/city-b/assessments/{_first.Id}/plan",
        "actions" => $"/api/assessments/{_first.Id}/actions",
        "actions.csv" or "actions.xlsx" or "actions.ics" => $"/api/assessments/{_first.Id}/{target}",
        "action" => $"/api/assessments/{_first.Id}/actions/{_actionId}",
        "action-history" => $"/api/assessments/{_first.Id}/actions/{_actionId}/history",
        "action-history.csv" => $"/api/assessments/{_first.Id}/actions/{_actionId}/history.csv",
        "series" => $"/api/series/{_seriesId}",
        "progress.pdf" => $"/api/series/{_seriesId}/progress.pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Plan_pages_and_endpoints_answer_each_role_as_intended(string role, string target)
    {
        using var client = await _world.Access.ClientAsync(role);

        var response = await client.Http.GetAsync(PathOf(target));

        var expected = Expected(role, target);
        var outcome = response.StatusCode == HttpStatusCode.Unauthorized ? Outcome.SignInRequired : AuthorizationMatrixTests.Classify(response);
        Assert.Equal(expected, outcome);
        if (target.StartsWith("plan", StringComparison.Ordinal) && expected == Outcome.Allowed)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Access matrix action", html, StringComparison.Ordinal);
            // Only those who manage the assessment get the form.
            Assert.Equal(role is "facilitator" or "org_admin", html.Contains("data-testid=\"action-form\"", StringComparison.Ordinal));
        }

        if (target.StartsWith("action", StringComparison.Ordinal) || target == "series")
        {
            if (expected != Outcome.Allowed)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task The_series_answers_its_trend_and_the_page_and_progress_report_show_the_action_beside_its_outcome()
    {
        using var client = await _world.Access.ClientAsync("leader");

        var series = await client.Http.GetFromJsonAsync<JsonElement>($"/api/series/{_seriesId}");
        var page = await client.Http.GetStringAsync($"/orgs/city-a/series/{_seriesId}");
        var pdf = await client.Http.GetAsync($"/api/series/{_seriesId}/progress.pdf");

        Assert.Equal("Plan access series", series.GetProperty("name").GetString());
        Assert.Equal(["Plan access 2022", "Plan access 2024"], series.GetProperty("cycles").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var dimension = series.GetProperty("trend").GetProperty("dimensions")[0];
        Assert.Equal(2, dimension.GetProperty("points").GetArrayLength());
        Assert.Equal(24, series.GetProperty("comparison").GetProperty("elapsedMonths").GetInt32());
        // Nobody rated either cycle: the action's characteristic could not be compared, and both places say so.
        Assert.Contains("Access matrix action", page, StringComparison.Ordinal);
        Assert.Contains("not compared", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Progress report", text, StringComparison.Ordinal);
        Assert.Contains("Access matrix action", text, StringComparison.Ordinal);
        Assert.Contains("Not compared", text, StringComparison.Ordinal);
        Assert.Contains("No plan could be judged", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_action_its_history_and_the_history_csv_answer_who_when_which_field_before_and_after()
    {
        using var client = await _world.Access.ClientAsync("leader");

        var action = await client.Http.GetFromJsonAsync<JsonElement>($"/api/assessments/{_first.Id}/actions/{_actionId}");
        var history = await client.Http.GetFromJsonAsync<JsonElement>($"/api/assessments/{_first.Id}/actions/{_actionId}/history");
        var csv = await client.Http.GetAsync($"/api/assessments/{_first.Id}/actions/{_actionId}/history.csv");
        var unknown = await client.Http.GetAsync($"/api/assessments/{_first.Id}/actions/{Guid.NewGuid()}");

        Assert.Equal("Access matrix action", action.GetProperty("title").GetString());
        var title = history.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "title");
        Assert.Equal(JsonValueKind.Null, title.GetProperty("oldValue").ValueKind);
        Assert.Equal("Access matrix action", title.GetProperty("newValue").GetString());
        // Added by the seeding code with no signed-in user.
        Assert.Equal("(someone no longer registered)", title.GetProperty("by").GetString());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("changed_at_utc,by,field,old_value,new_value", lines[0]);
        Assert.Contains(lines, l => l.EndsWith(",title,,Access matrix action", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_token_reads_one_action_and_its_history()
    {
        var (token, _) = await _world.WithAsync(sp => sp.GetRequiredService<CityMaturity.Application.Accounts.PersonalAccessTokenService>()
            .CreateAsync(_world.Access.Users["leader"].Id, "plan history"));
        using var http = _world.Access.Factory.CreateClient();
        foreach (var path in new[] { $"/api/assessments/{_first.Id}/actions/{_actionId}", $"/api/assessments/{_first.Id}/actions/{_actionId}/history" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

            var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_series_exposes_the_plan_with_outcomes_and_the_group_trends()
    {
        using var client = await _world.Access.ClientAsync("leader");

        var series = await client.Http.GetFromJsonAsync<JsonElement>($"/api/series/{_seriesId}");

        var plan = series.GetProperty("plan");
        Assert.Equal(_first.Id, plan.GetProperty("assessmentId").GetGuid());
        var action = plan.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal("Access matrix action", action.GetProperty("title").GetString());
        // Nobody rated: no movement, and the reasons say so.
        Assert.Equal(JsonValueKind.Null, action.GetProperty("movement").ValueKind);
        Assert.Contains(action.GetProperty("notComparedBecause").EnumerateArray(), r => r.GetString()!.StartsWith("not rated", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Array, series.GetProperty("groupTrend").ValueKind);
        Assert.Equal(JsonValueKind.Array, series.GetProperty("groupPlanTrend").ValueKind);
    }

    [Fact]
    public async Task Every_rename_of_a_series_is_recorded_with_who_and_the_names_and_shown_on_its_page_and_in_its_api()
    {
        var cityA = _world.Access.CityA.Id;
        var leader = _world.Access.Users["leader"];
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var (closed, _, _, _) = await _world.WithAsync(sp => CycleServiceTests.ClosedAssessmentAsync(sp, cityA, $"Renamed {Guid.NewGuid():N}", new DateOnly(2022, 6, 1)));
        var first = $"Renames {Guid.NewGuid():N}";
        var seriesId = (await cycles.StartFollowUpAsync(cityA, closed.Id, new FollowUp("Renamed follow-up", first, null, []), null)).SeriesId!.Value;

        await cycles.RenameSeriesAsync(cityA, seriesId, first + " second", leader.Id);
        await cycles.RenameSeriesAsync(cityA, seriesId, $"  {first} second ", leader.Id); // the same name once cleaned: nothing to record
        await cycles.RenameSeriesAsync(cityA, seriesId, first + " third", null);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => cycles.RenameSeriesAsync(_world.Access.CityB.Id, seriesId, "Stolen", leader.Id));

        using var client = await _world.Access.ClientAsync("leader");
        var renames = (await client.Http.GetFromJsonAsync<JsonElement>($"/api/series/{seriesId}")).GetProperty("renames").EnumerateArray()
            .Select(r => (Old: r.GetProperty("oldName").GetString(), New: r.GetProperty("newName").GetString(), By: r.GetProperty("by").GetString(),
                At: r.GetProperty("renamedAt").GetDateTimeOffset()))
            .ToList();
        Assert.Equal([(first, first + " second", "leader"), (first + " second", first + " third", "(someone no longer registered)")], renames.Select(r => (r.Old, r.New, r.By)));
        Assert.All(renames, r => Assert.True(r.At > DateTimeOffset.UtcNow.AddHours(-1)));
        var page = System.Net.WebUtility.HtmlDecode(await client.Http.GetStringAsync($"/orgs/city-a/series/{seriesId}"));
        Assert.Contains(">Renamed</h2>", page, StringComparison.Ordinal);
        Assert.Contains($"from “{first}” to “{first} second” by leader on {renames[0].At.UtcDateTime:yyyy-MM-dd}", page, StringComparison.Ordinal);

        using var other = await _world.Access.ClientAsync("other_org_admin");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/series/{seriesId}")).StatusCode);
    }

    [Theory]
    [InlineData("reversed", "is not dated before")]
    [InlineData("foreign", "is not a cycle of this series")]
    [InlineData("one-only", "Give both 'earlier' and 'later'")]
    public async Task Cycles_that_cannot_be_compared_are_refused_with_problem_details_that_say_why(string choice, string message)
    {
        using var client = await _world.Access.ClientAsync("leader");
        var query = choice switch
        {
            "reversed" => $"?earlier={_laterId}&later={_first.Id}",
            "foreign" => $"?earlier={Guid.NewGuid()}&later={_laterId}",
            _ => $"?earlier={_first.Id}",
        };

        foreach (var path in new[] { $"/api/series/{_seriesId}{query}", $"/api/series/{_seriesId}/progress.pdf{query}" })
        {
            var response = await client.Http.GetAsync(path);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Two_chosen_cycles_are_the_ones_compared_and_the_page_offers_the_choice()
    {
        // Three cycles, so the chosen pair (the first two) is not the default (the latest two).
        var (first, second, third) = await ThreeClosedCyclesAsync("Chosen pair");
        var seriesId = second.SeriesId!.Value;
        using var client = await _world.Access.ClientAsync("leader");

        var series = await client.Http.GetFromJsonAsync<JsonElement>($"/api/series/{seriesId}?earlier={first.Id}&later={second.Id}");
        var page = await client.Http.GetStringAsync($"/orgs/city-a/series/{seriesId}?earlier={first.Id}&later={second.Id}");
        var refusedPage = await client.Http.GetStringAsync($"/orgs/city-a/series/{seriesId}?earlier={second.Id}&later={first.Id}");

        Assert.Equal(3, series.GetProperty("cycles").GetArrayLength());
        Assert.Equal(first.Id, series.GetProperty("comparison").GetProperty("earlierAssessmentId").GetGuid());
        Assert.Equal(second.Id, series.GetProperty("comparison").GetProperty("laterAssessmentId").GetGuid());
        Assert.Contains("data-testid=\"compare-form\"", page, StringComparison.Ordinal);
        Assert.Contains($"progress.pdf?earlier={first.Id}&amp;later={second.Id}", page, StringComparison.Ordinal);
        // A refused choice is said on the page, which falls back to the latest two.
        Assert.Contains("is not dated before", System.Net.WebUtility.HtmlDecode(refusedPage), StringComparison.Ordinal);
        Assert.Contains($"progress.pdf?earlier={second.Id}&amp;later={third.Id}", refusedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_JavaScript_the_cycles_are_chosen_through_a_plain_get_form()
    {
        // The MudSelects need the live connection; the prerendered page carries a plain GET form for a browser without it.
        var (first, _, third) = await ThreeClosedCyclesAsync("No script");
        var seriesId = third.SeriesId!.Value;
        using var client = await _world.Access.ClientAsync("leader");

        var page = await client.Http.GetStringAsync($"/orgs/city-a/series/{seriesId}");
        var form = System.Text.RegularExpressions.Regex.Match(page, "<form method=\"get\" action=\"([^\"]+)\"[^>]*data-testid=\"compare-form-plain\"[^>]*>(.*?)</form>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(form.Success, "the series page has no plain GET form for the compared cycles");
        Assert.Equal($"orgs/city-a/series/{seriesId}", form.Groups[1].Value);
        // (The page's scoped CSS adds its b-… attribute to each element.)
        Assert.Contains("<select id=\"compare-earlier-plain\" name=\"earlier\"", form.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("<select id=\"compare-later-plain\" name=\"later\"", form.Groups[2].Value, StringComparison.Ordinal);
        Assert.Matches("<label for=\"compare-earlier-plain\"[^>]*>Earlier cycle</label>", form.Groups[2].Value);
        Assert.Matches("<label for=\"compare-later-plain\"[^>]*>Later cycle</label>", form.Groups[2].Value);
        Assert.Contains($"<option value=\"{first.Id}\"", form.Groups[2].Value, StringComparison.Ordinal);
        Assert.Matches("<button type=\"submit\"[^>]*>Compare</button>", form.Groups[2].Value);

        // What the browser sends when the first and the third cycle are chosen: the form's action with the two selects' names.
        var chosen = await client.Http.GetStringAsync($"/{form.Groups[1].Value}?earlier={first.Id}&later={third.Id}");
        Assert.Contains($"progress.pdf?earlier={first.Id}&amp;later={third.Id}", chosen, StringComparison.Ordinal);
        Assert.Matches($"<option value=\"{first.Id}\" selected", chosen);
        Assert.Matches($"<option value=\"{third.Id}\" selected", chosen);
    }

    /// <summary>A series of three closed cycles of city A (2020, 2022, 2024), each a follow-up of the one before.</summary>
    private async Task<(Assessment First, Assessment Second, Assessment Third)> ThreeClosedCyclesAsync(string prefix)
    {
        var cityA = _world.Access.CityA.Id;
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var assessments = _world.Services.GetRequiredService<AssessmentService>();
        var name = $"{prefix} {Guid.NewGuid():N}";
        var (first, _, _, _) = await _world.WithAsync(sp => CycleServiceTests.ClosedAssessmentAsync(sp, cityA, name + " 2020", new DateOnly(2020, 6, 1)));
        async Task<Assessment> ClosedFollowUpAsync(Assessment predecessor, int year)
        {
            var followUp = await cycles.StartFollowUpAsync(cityA, predecessor.Id, new FollowUp($"{name} {year}", name, new DateOnly(year, 6, 1), []), null);
            await assessments.MoveToAsync(followUp.Id, AssessmentStatus.Open);
            await assessments.MoveToAsync(followUp.Id, AssessmentStatus.Closed);
            return followUp;
        }

        var second = await ClosedFollowUpAsync(first, 2022);
        return (first, second, await ClosedFollowUpAsync(second, 2024));
    }
}
