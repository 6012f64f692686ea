using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>The results API against Demoville's seeded baseline: its figures are the scoring rules' figures, in every format.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SummaryApiTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Leader = "leader@demoville.example";
    private DemoResultsWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("demo-results", DemoResultsWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private string Path(string suffix, Guid? id = null) => $"/api/assessments/{id ?? _world.BaselineId}/{suffix}";

    private async Task<JsonElement> SummaryJsonAsync()
    {
        using var leader = await _world.ClientAsync(Leader);
        return JsonDocument.Parse(await leader.Http.GetStringAsync(Path("summary"))).RootElement.Clone();
    }

    [Fact]
    public async Task The_summary_json_carries_exactly_the_scoring_rules_figures()
    {
        var expected = await _world.ScoreDirectlyAsync(_world.BaselineId);

        var json = await SummaryJsonAsync();

        var characteristics = json.GetProperty("characteristics").EnumerateArray().ToList();
        Assert.Equal(32, characteristics.Count);
        foreach (var (actual, score) in characteristics.Zip(expected.Characteristics))
        {
            Assert.Equal(score.Code, actual.GetProperty("code").GetString());
            Assert.Equal(score.SubDimensionCode, actual.GetProperty("subDimension").GetString());
            Assert.Equal(score.DimensionCode, actual.GetProperty("dimension").GetString());
            Assert.False(string.IsNullOrWhiteSpace(actual.GetProperty("title").GetString()));
            AssertView(score.Now, actual.GetProperty("now"), score.Code);
            AssertView(score.InTwoYears, actual.GetProperty("inTwoYears"), score.Code);
        }

        foreach (var (actual, sub) in json.GetProperty("subDimensions").EnumerateArray().Zip(expected.SubDimensions))
        {
            Assert.Equal(sub.Code, actual.GetProperty("code").GetString());
            AssertAggregate(sub.Now, actual.GetProperty("now"));
            AssertAggregate(sub.InTwoYears, actual.GetProperty("inTwoYears"));
        }

        Assert.Equal(expected.Dimensions.Count, json.GetProperty("dimensions").GetArrayLength());
        foreach (var (actual, dimension) in json.GetProperty("dimensions").EnumerateArray().Zip(expected.Dimensions))
        {
            Assert.Equal(dimension.Code, actual.GetProperty("code").GetString());
            AssertAggregate(dimension.Now, actual.GetProperty("now"));
            AssertAggregate(dimension.InTwoYears, actual.GetProperty("inTwoYears"));
        }

        Assert.Equal(expected.Strengths.Select(s => s.CharacteristicCode), Codes(json, "strengths"));
        Assert.Equal(expected.Weaknesses.Select(s => s.CharacteristicCode), Codes(json, "weaknesses"));
        Assert.Equal(expected.GapsInPlans.Select(s => s.CharacteristicCode), Codes(json, "gapsInPlans"));
        Assert.Equal(expected.PerceptionGaps.Select(s => s.CharacteristicCode), Codes(json, "perceptionGaps"));
        Assert.Equal(expected.PerceptionGaps.Select(s => s.Gap), json.GetProperty("perceptionGaps").EnumerateArray().Select(p => p.GetProperty("gap").GetDecimal()));
        // Demoville is built to have something in each list; an empty list here would make the comparison above vacuous.
        Assert.NotEmpty(expected.GapsInPlans);
        Assert.NotEmpty(expected.PerceptionGaps);
    }

    private static IEnumerable<string?> Codes(JsonElement json, string list) =>
        json.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("code").GetString());

    private static void AssertView(ViewScore expected, JsonElement actual, string code)
    {
        Assert.Equal(expected.Score, Decimal(actual.GetProperty("score")));
        Assert.Equal(expected.Source switch { ScoreSource.Median => "median", ScoreSource.Consensus => "consensus", ScoreSource.Audited => "audited", ScoreSource.NotRated => "not-rated" }, actual.GetProperty("scoreSource").GetString());
        AssertStatistics(expected.Statistics, actual, code);
        var groups = actual.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expected.Groups.Count, groups.Count);
        foreach (var (group, json) in expected.Groups.Zip(groups))
        {
            Assert.Equal(group.GroupName, json.GetProperty("group").GetString());
            AssertStatistics(group.Statistics, json, $"{code} {group.GroupName}");
        }
    }

    private static void AssertStatistics(ViewStatistics expected, JsonElement actual, string what)
    {
        Assert.True(expected.N == actual.GetProperty("n").GetInt32(), what);
        Assert.Equal(expected.Distribution.ToArray(), actual.GetProperty("distribution").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(expected.Mean, Decimal(actual.GetProperty("mean")));
        Assert.Equal(expected.Median, Decimal(actual.GetProperty("median")));
        Assert.Equal(expected.Min?.Number(), Int(actual.GetProperty("min")));
        Assert.Equal(expected.Max?.Number(), Int(actual.GetProperty("max")));
        Assert.Equal(expected.Q1, Decimal(actual.GetProperty("q1")));
        Assert.Equal(expected.Q3, Decimal(actual.GetProperty("q3")));
        Assert.Equal(expected.Iqr, Decimal(actual.GetProperty("iqr")));
        Assert.Equal(expected.AgreementPercent, Decimal(actual.GetProperty("agreement")));
        Assert.Equal(expected.DontKnowCount, actual.GetProperty("dontKnow").GetInt32());
        Assert.Equal(
            expected.Consensus switch { ConsensusState.BroadAgreement => "broad-agreement", ConsensusState.NoAgreement => "no-agreement", ConsensusState.TooFewAnswers => "too-few-answers" },
            actual.GetProperty("consensus").GetString());
    }

    private static void AssertAggregate(AggregatedScore expected, JsonElement actual)
    {
        Assert.Equal(expected.Score, Decimal(actual.GetProperty("score")));
        Assert.Equal(expected.Rated, actual.GetProperty("rated").GetInt32());
        Assert.Equal(expected.Total, actual.GetProperty("total").GetInt32());
    }

    private static decimal? Decimal(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    private static int? Int(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();

    private static decimal? Number(string cell) => cell.Length == 0 ? null : decimal.Parse(cell, CultureInfo.InvariantCulture);

    private static JsonElement ViewOf(JsonElement json, string code, string view) =>
        json.GetProperty("characteristics").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code)
            .GetProperty(view == "now" ? "now" : "inTwoYears");

    private static readonly string[] SampleCodes = ["1.1.1", "2.3.1", "3.2.1", "4.6"];

    /// <summary>The figures a row of the CSV or a sheet must match, read off the JSON.</summary>
    private static void AssertRowMatches(string[] header, string[] row, JsonElement figures, bool withScore)
    {
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(figures.GetProperty("n").GetInt32(), int.Parse(Cell("n"), CultureInfo.InvariantCulture));
        Assert.Equal(Decimal(figures.GetProperty("mean")), Number(Cell("mean")));
        Assert.Equal(Decimal(figures.GetProperty("median")), Number(Cell("median")));
        Assert.Equal(Decimal(figures.GetProperty("q1")), Number(Cell("q1")));
        Assert.Equal(Decimal(figures.GetProperty("q3")), Number(Cell("q3")));
        Assert.Equal(Decimal(figures.GetProperty("agreement")), Number(Cell("agreement")));
        Assert.Equal(figures.GetProperty("consensus").GetString(), Cell("consensus"));
        Assert.Equal(figures.GetProperty("dontKnow").GetInt32(), int.Parse(Cell("dont_know"), CultureInfo.InvariantCulture));
        var distribution = figures.GetProperty("distribution").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(distribution, Enumerable.Range(1, 5).Select(level => int.Parse(Cell($"level_{level}"), CultureInfo.InvariantCulture)).ToArray());
        if (withScore)
        {
            Assert.Equal(Decimal(figures.GetProperty("score")), Number(Cell("score")));
            Assert.Equal(figures.GetProperty("scoreSource").GetString(), Cell("score_source"));
        }
    }

    [Fact]
    public async Task The_summary_csv_has_the_same_figures_as_the_json()
    {
        var json = await SummaryJsonAsync();
        using var leader = await _world.ClientAsync(Leader);

        var response = await leader.Http.GetAsync(Path("summary.csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^demoville-baseline-2026-summary-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var lines = CsvParser.Parse(await response.Content.ReadAsStringAsync());
        var header = lines[0];
        Assert.Equal("characteristic", header[0].TrimStart('\uFEFF'));
        header[0] = "characteristic";
        // 32 characteristics × 2 views × (everyone + 6 groups).
        Assert.Equal(1 + (32 * 2 * 7), lines.Count);
        foreach (var code in SampleCodes)
        {
            foreach (var view in new[] { "now", "in-two-years" })
            {
                var figures = ViewOf(json, code, view);
                AssertRowMatches(header, lines.Single(l => l[0] == code && l[4] == view && l[5] == "all"), figures, withScore: true);
                var citizens = figures.GetProperty("groups").EnumerateArray().Last();
                AssertRowMatches(header, lines.Single(l => l[0] == code && l[4] == view && l[5] == citizens.GetProperty("group").GetString()), citizens, withScore: false);
            }
        }
    }

    [Fact]
    public async Task The_workbook_has_the_same_figures_as_the_json_and_pseudonymised_raw_ratings()
    {
        var json = await SummaryJsonAsync();
        using var leader = await _world.ClientAsync(Leader);

        var response = await leader.Http.GetAsync(Path("export.xlsx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var sheets = SpreadsheetReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Summary", "Per group", "Raw ratings"], sheets.Keys);

        var summary = sheets["Summary"];
        var perGroup = sheets["Per group"];
        Assert.Equal(1 + (32 * 2), summary.Count);
        Assert.Equal(1 + (32 * 2 * 6), perGroup.Count);
        foreach (var code in SampleCodes)
        {
            foreach (var view in new[] { "now", "in-two-years" })
            {
                var figures = ViewOf(json, code, view);
                AssertRowMatches(summary[0], summary.Single(r => r[0] == code && r[4] == view), figures, withScore: true);
                foreach (var group in figures.GetProperty("groups").EnumerateArray())
                {
                    AssertRowMatches(perGroup[0], perGroup.Single(r => r[0] == code && r[4] == view && r[5] == group.GetProperty("group").GetString()), group, withScore: false);
                }
            }
        }

        var raw = sheets["Raw ratings"];
        Assert.Equal(["participant", "stakeholder_group", "characteristic", "level_now", "level_in_two_years"], raw[0]);
        Assert.Equal(1 + (24 * 32), raw.Count);
        Assert.Equal(24, raw.Skip(1).Select(r => r[0]).Distinct().Count());
        Assert.All(raw.Skip(1), r => Assert.Matches("^P[0-9]{2}$", r[0]));
        Assert.All(raw.Skip(1), r => Assert.Matches("^([1-5]|DK)?$", r.ElementAtOrDefault(3) ?? string.Empty));
        await using var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var names = await db.Participants.Where(p => p.AssessmentId == _world.BaselineId).Select(p => p.Name).ToListAsync();
        var everyCell = sheets.Values.SelectMany(rows => rows).SelectMany(cells => cells).ToHashSet();
        Assert.DoesNotContain(everyCell, cell => names.Contains(cell));
        // The raw sheet agrees with the summary: the count of level-3 answers now for 2.3.1.
        var expectedThrees = ViewOf(json, "2.3.1", "now").GetProperty("distribution")[2].GetInt32();
        Assert.Equal(expectedThrees, raw.Count(r => r[2] == "2.3.1" && r[3] == "3"));
    }

    public static TheoryData<string?, string, HttpStatusCode> CookieMatrix => new()
    {
        { null, "summary", HttpStatusCode.Unauthorized },
        { null, "summary.csv", HttpStatusCode.Unauthorized },
        { null, "export.xlsx", HttpStatusCode.Unauthorized },
        { "member@demoville.example", "summary", HttpStatusCode.NotFound },
        { "member@demoville.example", "export.xlsx", HttpStatusCode.NotFound },
        { Leader, "summary", HttpStatusCode.OK },
        { Leader, "summary.csv", HttpStatusCode.OK },
        { Leader, "export.xlsx", HttpStatusCode.OK },
        { "facilitator@demoville.example", "summary", HttpStatusCode.OK },
        { "admin@demoville.example", "summary", HttpStatusCode.OK },
        { DemoResultsWorld.OtherAdminEmail, "summary", HttpStatusCode.NotFound },
        { DemoResultsWorld.OtherAdminEmail, "summary.csv", HttpStatusCode.NotFound },
        { DemoResultsWorld.OtherAdminEmail, "export.xlsx", HttpStatusCode.NotFound },
        { "sysadmin@citymaturity.example", "summary", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(CookieMatrix))]
    public async Task The_api_answers_each_signed_in_role_as_its_pages_would(string? email, string endpoint, HttpStatusCode expected)
    {
        using var client = email == "sysadmin@citymaturity.example" ? await SysadminAsync() : await _world.ClientAsync(email);

        var response = await client.Http.GetAsync(Path(endpoint));

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.DoesNotContain("Baseline 2026", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private async Task<TestClient> SysadminAsync()
    {
        var client = TestClient.Create(_world.Factory);
        await client.SignInOrFailAsync(AccountSeeder.DemoSystemAdminEmail, AccountSeeder.DemoSystemAdminPassword);
        return client;
    }

    [Fact]
    public async Task An_unknown_assessment_and_someone_elses_answer_alike()
    {
        using var leader = await _world.ClientAsync(Leader);
        using var other = await _world.ClientAsync(DemoResultsWorld.OtherAdminEmail);

        var unknown = await leader.Http.GetAsync(Path("summary", Guid.NewGuid()));
        var forbidden = await other.Http.GetAsync(Path("summary"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await forbidden.Content.ReadAsStringAsync());
    }

    private HttpClient Bare() => _world.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage WithToken(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task A_leaders_token_reads_the_api_until_it_is_revoked()
    {
        var token = await _world.TokenForAsync(Leader);
        using var http = Bare();

        using (var request = WithToken(HttpMethod.Get, Path("summary"), token))
        {
            var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(_world.BaselineId, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("assessmentId").GetGuid());
        }

        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var leader = await db.Users.SingleAsync(u => u.Email == Leader);
            var entry = (await tokens.ListAsync(leader.Id)).First(t => t.IsActive);
            Assert.NotNull(entry.LastUsedAt);
            foreach (var active in (await tokens.ListAsync(leader.Id)).Where(t => t.IsActive))
            {
                Assert.True(await tokens.RevokeAsync(leader.Id, active.Id));
            }
        }

        using (var request = WithToken(HttpMethod.Get, Path("summary"), token))
        {
            var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task A_token_carries_its_users_permissions_and_nothing_beyond_the_api()
    {
        var memberToken = await _world.TokenForAsync("member@demoville.example");
        var otherToken = await _world.TokenForAsync(DemoResultsWorld.OtherAdminEmail);
        var leaderToken = await _world.TokenForAsync(Leader);
        using var http = Bare();

        async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string token)
        {
            using var request = WithToken(method, path, token);
            return (await http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Get, Path("summary"), memberToken));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HttpMethod.Get, Path("export.xlsx"), otherToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, Path("summary"), "cm_pat_not-a-real-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(HttpMethod.Get, Path("summary"), leaderToken + "x"));
        // Pages do not accept tokens: the visitor is sent to sign in.
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(HttpMethod.Get, "/orgs/demoville", leaderToken));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(HttpMethod.Get, $"/orgs/demoville/assessments/{_world.BaselineId}/dashboard", leaderToken));
    }

    [Fact]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised_in_the_workbook_and_csv()
    {
        const string EvilGroup = "=HYPERLINK(\"http://evil.example\",\"click\")";
        const string EvilName = "@SUM(1+1)*cmd|' /C calc'!A0";
        Guid assessmentId;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AssessmentService>().CreateAsync(
                _world.DemovilleId, new NewAssessment("-Injection check", "+Demoville", "baseline-review", AssessmentMethod.MultiStakeholder, ["2.3.1", "4.6"], null), null);
            assessmentId = created.Id;
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var group = await db.StakeholderGroups.Where(g => g.AssessmentId == assessmentId).OrderBy(g => g.Position).FirstAsync();
            group.Name = EvilGroup;
            var participant = new Participant { Id = Guid.NewGuid(), AssessmentId = assessmentId, GroupId = group.Id, Name = EvilName, Email = "evil@example.org", CreatedAt = DateTimeOffset.UtcNow };
            db.Participants.Add(participant);
            db.Ratings.Add(new Rating
            {
                Id = Guid.NewGuid(), AssessmentId = assessmentId, ParticipantId = participant.Id, CharacteristicCode = "2.3.1",
                LevelNow = LevelAnswer.Of(MaturityLevel.Fulfilled), LevelInTwoYears = LevelAnswer.DontKnow, Version = 1, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        using var leader = await _world.ClientAsync(Leader);
        var sheets = SpreadsheetReader.Read(await leader.Http.GetByteArrayAsync(Path("export.xlsx", assessmentId)));
        var csv = CsvParser.Parse(await leader.Http.GetStringAsync(Path("summary.csv", assessmentId)));

        Assert.Contains(sheets["Per group"], row => row[5] == "'" + EvilGroup);
        Assert.Contains(sheets["Raw ratings"], row => row[1] == "'" + EvilGroup && row[3] == "3" && row[4] == "DK");
        Assert.Contains(csv, row => row[5] == "'" + EvilGroup);
        var cells = sheets.Values.SelectMany(rows => rows.Skip(1)).SelectMany(row => row).Concat(csv.Skip(1).SelectMany(row => row));
        Assert.DoesNotContain(cells, cell => cell.Length > 0 && cell[0] is '=' or '+' or '@' or '\t' or '\r');
        Assert.DoesNotContain(cells, cell => cell.Contains("SUM(1+1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_results_api()
    {
        using var anonymous = await _world.ClientAsync(null);

        var document = JsonDocument.Parse(await anonymous.Http.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/assessments/{id}/summary", paths);
        Assert.Contains("/api/assessments/{id}/summary.csv", paths);
        Assert.Contains("/api/assessments/{id}/export.xlsx", paths);
    }

    [Fact]
    public async Task The_dashboards_first_render_names_the_group_filter_and_shows_its_choice_without_the_list()
    {
        // The first render builds the closed MudSelect without its hidden list items (they come once the page is live):
        // its text is still the choice's, from GroupText, and its label still names it.
        using var leader = await _world.ClientAsync("leader@demoville.example");
        var page = await leader.Http.GetStringAsync($"/orgs/demoville/assessments/{_world.BaselineId}/dashboard");
        var input = System.Text.RegularExpressions.Regex.Match(page, "<input[^>]*id=\"group-filter\"[^>]*>");
        Assert.True(input.Success, "the dashboard has no group filter input");
        Assert.Contains("value=\"All stakeholder groups\"", input.Value, StringComparison.Ordinal);
        Assert.Matches("<label[^>]*for=\"group-filter\"[^>]*>\\s*Participants", page);
    }

    [Fact]
    public async Task The_dashboard_shows_the_same_dimension_and_sub_dimension_figures_as_the_api()
    {
        using var leader = await _world.ClientAsync("leader@demoville.example");
        using var api = System.Text.Json.JsonDocument.Parse(await leader.Http.GetStringAsync(Path("summary")));
        var page = System.Net.WebUtility.HtmlDecode(await leader.Http.GetStringAsync($"/orgs/demoville/assessments/{_world.BaselineId}/dashboard"));
        // The score table (the radar's table version, earlier on the page, has rows of the same shape).
        var html = page[page.IndexOf("data-testid=\"score-table\"", StringComparison.Ordinal)..];

        var aggregates = api.RootElement.GetProperty("dimensions").EnumerateArray().Concat(api.RootElement.GetProperty("subDimensions").EnumerateArray()).ToList();
        Assert.Equal(4 + 17, aggregates.Count);
        foreach (var aggregate in aggregates)
        {
            var code = aggregate.GetProperty("code").GetString()!;
            var row = System.Text.RegularExpressions.Regex.Match(html, $@"<th scope=""row""[^>]*>{System.Text.RegularExpressions.Regex.Escape(code)} [^<]*</th>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>");
            Assert.True(row.Success, $"the dashboard has no score row for {code}");
            Assert.Equal(Rated(aggregate.GetProperty("now")), row.Groups[1].Value);
            Assert.Equal(Rated(aggregate.GetProperty("inTwoYears")), row.Groups[2].Value);
        }
    }

    private static string Rated(System.Text.Json.JsonElement score) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{score.GetProperty("score").GetDecimal():0.##} ({score.GetProperty("rated").GetInt32()} of {score.GetProperty("total").GetInt32()} rated)");
}


/// <summary>RFC 4180: quoted fields with doubled quotes and line breaks inside quotes.</summary>
public static class CsvParser
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else { field.Append(c); }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
