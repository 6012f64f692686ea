using System.Net;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Workshops;

/// <summary>
/// A workshop on the open assessment of <see cref="AssessmentWorld"/> (Ana and Ben invited by link), walk-ins allowed,
/// on three characteristics. Phones talk HTTP to the real app; the facilitator's steps go through WorkshopService, as
/// the console's buttons do.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class WorkshopTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly string[] Agenda = ["1.1.1", "2.3.1", "4.2"];

    private AssessmentWorld _world = null!;
    private Workshop _workshop = null!;
    private Guid _groupId;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        var (workshop, refusal) = await _world.WithAsync(sp => sp.GetRequiredService<WorkshopService>()
            .StartAsync(_world.Assessment.Id, Agenda, allowWalkIns: true, _world.Access.Users["facilitator"].Id));
        _workshop = workshop ?? throw new InvalidOperationException(refusal?.Message);
        _groupId = _world.Ana.GroupId;
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private Task<StepOutcome> StepAsync(Func<WorkshopService, Guid, Guid, Task<StepOutcome>> step) =>
        _world.WithAsync(sp => step(sp.GetRequiredService<WorkshopService>(), _world.Assessment.Id, _workshop.Id));

    private async Task StepOrFailAsync(Func<WorkshopService, Guid, Guid, Task<StepOutcome>> step)
    {
        var outcome = await StepAsync(step);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
    }

    private Task<ConsoleView> ConsoleAsync() =>
        _world.WithAsync(async sp => (await sp.GetRequiredService<WorkshopService>().ConsoleAsync(_world.Assessment.Id, _workshop.Id))!);

    private async Task<Phone> WalkInAsync(string name)
    {
        var phone = new Phone(TestClient.Create(_world.Access.Factory), _workshop.JoinCode);
        Phone.AssertJoined(await phone.JoinAsWalkInAsync(name, _groupId), _workshop.JoinCode);
        return phone;
    }

    private async Task<Phone> InvitedAsync(string ratingToken)
    {
        var phone = new Phone(TestClient.Create(_world.Access.Factory), _workshop.JoinCode);
        Phone.AssertJoined(await phone.JoinByInviteAsync(ratingToken), _workshop.JoinCode);
        return phone;
    }

    private async Task<Guid> OpenRoundAsync(TimeSpan? timer = null)
    {
        await StepOrFailAsync((s, a, w) => s.OpenRoundAsync(a, w, timer));
        return (await ConsoleAsync()).CurrentRound!.Round.Id;
    }

    private static async Task AcceptedAsync(Task<HttpResponseMessage> vote)
    {
        using var response = await vote;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"vote: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Votes_stay_hidden_until_the_reveal_and_then_every_phone_sees_the_same_figures()
    {
        using var ana = await InvitedAsync(_world.AnaToken);
        using var ben = await InvitedAsync(_world.BenToken);
        using var walkIn = await WalkInAsync("Chidi Walk-in");
        var round = await OpenRoundAsync();

        await AcceptedAsync(ana.VoteAsync(round, "2", "3"));
        await AcceptedAsync(ben.VoteAsync(round, "4", "DK"));
        await AcceptedAsync(walkIn.VoteAsync(round, "2", "4"));
        await AcceptedAsync(walkIn.VoteAsync(round, "3", "4")); // changed, still one vote

        var open = await ConsoleAsync();
        Assert.Equal(3, open.Attendees.Count);
        Assert.Equal(3, open.CurrentRound!.VoteCount);
        Assert.Null(open.CurrentRound.Results);
        var anaState = await ana.StateAsync();
        Assert.Null(anaState.Results);
        Assert.Equal(new RoomVote("2", "3"), anaState.YourVote);
        Assert.Equal(new RoomVote("4", "DK"), (await ben.StateAsync()).YourVote);

        await StepOrFailAsync((s, a, w) => s.CloseRoundAsync(a, w));
        Assert.Null((await ConsoleAsync()).CurrentRound!.Results);
        Assert.Null((await ana.StateAsync()).Results);

        await StepOrFailAsync((s, a, w) => s.RevealAsync(a, w));
        var revealed = (await ConsoleAsync()).CurrentRound!.Results!;
        Assert.Equal(3, revealed.Voters);
        Assert.Equal([0, 1, 1, 1, 0], revealed.Now.Distribution);
        Assert.Equal(3m, revealed.Now.Median);
        Assert.Equal([0, 0, 1, 1, 0], revealed.InTwoYears.Distribution);
        Assert.Equal(1, revealed.InTwoYears.DontKnowCount);
        foreach (var phone in new[] { ana, ben, walkIn })
        {
            var results = (await phone.StateAsync()).Results!;
            Assert.Equal(3, results.Voters);
            Assert.Equal([0, 1, 1, 1, 0], results.Now.Distribution);
            Assert.Equal(3m, results.Now.Median);
            Assert.Equal(1m, results.Now.Iqr);
            Assert.Equal("broad agreement", results.Now.Consensus);
        }
    }

    [Fact]
    public async Task A_re_vote_is_a_new_round_and_the_earlier_round_is_kept()
    {
        using var ana = await InvitedAsync(_world.AnaToken);
        var first = await OpenRoundAsync();
        await AcceptedAsync(ana.VoteAsync(first, "1", "2"));
        await StepOrFailAsync((s, a, w) => s.CloseRoundAsync(a, w));
        await StepOrFailAsync((s, a, w) => s.RevealAsync(a, w));

        var second = await OpenRoundAsync();
        Assert.NotEqual(first, second);
        Assert.Null((await ana.StateAsync()).YourVote);
        await AcceptedAsync(ana.VoteAsync(second, "3", "4"));
        using (var late = await ana.VoteAsync(first, "5", "5"))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            // One error model (ADR 0027): a refusal is problem details; "message" is what the phone shows.
            Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await late.Content.ReadAsStringAsync());
            Assert.Equal(409, problem.RootElement.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("message").GetString()));
            Assert.Equal(problem.RootElement.GetProperty("detail").GetString(), problem.RootElement.GetProperty("message").GetString());
        }

        var view = await ConsoleAsync();
        Assert.Equal([1, 2], view.RoundsOfCurrent.Select(r => r.Round.Number));
        Assert.Equal(1m, view.RoundsOfCurrent[0].Results!.Now.Median);
        Assert.Null(view.RoundsOfCurrent[1].Results);
    }

    [Fact]
    public async Task One_person_has_one_vote_per_round_even_from_two_phones()
    {
        using var firstPhone = await InvitedAsync(_world.AnaToken);
        var round = await OpenRoundAsync();
        await AcceptedAsync(firstPhone.VoteAsync(round, "2", "2"));

        // Joining again (a new phone, a cleared browser) moves the session: the same attendee, the same vote.
        using var secondPhone = await InvitedAsync(_world.AnaToken);
        Assert.Equal(new RoomVote("2", "2"), (await secondPhone.StateAsync()).YourVote);
        await AcceptedAsync(secondPhone.VoteAsync(round, "4", "4"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await firstPhone.StateTextAsync()).Status);

        var view = await ConsoleAsync();
        Assert.Single(view.Attendees);
        Assert.Equal(1, view.CurrentRound!.VoteCount);
    }

    [Fact]
    public async Task Closing_while_votes_arrive_loses_no_acknowledged_vote_and_counts_no_refused_one()
    {
        var phones = new List<Phone>();
        for (var i = 0; i < 24; i++)
        {
            phones.Add(await WalkInAsync($"Walk-in {i}"));
        }

        try
        {
            var round = await OpenRoundAsync();
            var votes = phones.Select(async (phone, i) =>
            {
                await Task.Delay(i % 6 * 5);
                using var response = await phone.VoteAsync(round, (i % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "DK");
                return (Index: i, response.StatusCode);
            }).ToList();
            await Task.Delay(15);
            await StepOrFailAsync((s, a, w) => s.CloseRoundAsync(a, w));
            var outcomes = await Task.WhenAll(votes);
            Assert.All(outcomes, o => Assert.Contains(o.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            await StepOrFailAsync((s, a, w) => s.RevealAsync(a, w));

            var accepted = outcomes.Where(o => o.StatusCode == HttpStatusCode.OK).Select(o => o.Index).ToList();
            var results = (await ConsoleAsync()).CurrentRound!.Results!;
            Assert.Equal(accepted.Count, results.Voters);
            var expected = new int[5];
            foreach (var i in accepted)
            {
                expected[i % 5]++;
            }

            Assert.Equal(expected, results.Now.Distribution);
        }
        finally
        {
            phones.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task A_timer_closes_the_round_and_later_votes_are_refused_with_a_reason()
    {
        using var ana = await InvitedAsync(_world.AnaToken);
        var round = await OpenRoundAsync(TimeSpan.FromSeconds(1));
        await AcceptedAsync(ana.VoteAsync(round, "3", "3"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await ConsoleAsync()).CurrentRound!.Round.Status == RoundStatus.Open && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(RoundStatus.Closed, (await ConsoleAsync()).CurrentRound!.Round.Status);
        using var late = await ana.VoteAsync(round, "5", "5");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("closed", await late.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await ConsoleAsync()).CurrentRound!.VoteCount);
    }

    [Fact]
    public async Task The_facilitator_is_told_why_a_step_is_not_possible_and_nothing_changes()
    {
        Assert.Equal("No round has been opened.", (await StepAsync((s, a, w) => s.RevealAsync(a, w))).Refusal?.Message);
        await OpenRoundAsync();
        Assert.Equal("A round is already open: close it first.", (await StepAsync((s, a, w) => s.OpenRoundAsync(a, w, null))).Refusal?.Message);
        Assert.Equal("Close the open round first.", (await StepAsync((s, a, w) => s.MoveToAsync(a, w, 1))).Refusal?.Message);
        Assert.Equal("Close the round before revealing it.", (await StepAsync((s, a, w) => s.RevealAsync(a, w))).Refusal?.Message);
        await StepOrFailAsync((s, a, w) => s.CloseRoundAsync(a, w));
        Assert.Equal("Give the rationale for the consensus level: what the room agreed on, and why.",
            (await StepAsync((s, a, w) => s.RecordDecisionAsync(a, w, MaturityLevel.Fulfilled, null, "  ", [], null))).Refusal?.Message);
        Assert.StartsWith("“notalink” is not a web address",
            (await StepAsync((s, a, w) => s.RecordDecisionAsync(a, w, MaturityLevel.Fulfilled, null, "Because.", ["notalink"], null))).Refusal?.Message);

        var view = await ConsoleAsync();
        Assert.Equal("1.1.1", view.Current.Code);
        Assert.Empty(view.LatestDecisions);
    }

    [Fact]
    public async Task A_refused_step_says_what_kind_of_no_it_is()
    {
        Assert.Equal(CityMaturity.Application.RefusalKind.WrongState, (await StepAsync((s, a, w) => s.RevealAsync(a, w))).Refusal?.Kind);
        Assert.Equal(CityMaturity.Application.RefusalKind.NotFound, (await StepAsync((s, a, w) => s.RemoveAttendeeAsync(a, w, Guid.NewGuid()))).Refusal?.Kind);
        Assert.Equal(CityMaturity.Application.RefusalKind.NotFound, (await StepAsync((s, a, _) => s.CloseRoundAsync(a, Guid.NewGuid()))).Refusal?.Kind);
        await OpenRoundAsync();
        await StepOrFailAsync((s, a, w) => s.CloseRoundAsync(a, w));
        Assert.Equal(CityMaturity.Application.RefusalKind.RuleBroken,
            (await StepAsync((s, a, w) => s.RecordDecisionAsync(a, w, MaturityLevel.Fulfilled, null, "  ", [], null))).Refusal?.Kind);

        var (none, refusal) = await _world.WithAsync(sp => sp.GetRequiredService<WorkshopService>().StartAsync(_world.Assessment.Id, [], allowWalkIns: true, null));
        Assert.Null(none);
        Assert.Equal(new CityMaturity.Application.Refusal(CityMaturity.Application.RefusalKind.RuleBroken, "Choose at least one characteristic for the agenda."), refusal);
    }

    [Fact]
    public async Task A_refused_join_is_a_problem_for_a_json_client_and_a_redirect_for_the_page()
    {
        using var phone = new Phone(TestClient.Create(_world.Access.Factory), _workshop.JoinCode);
        var token = await phone.Client.AntiforgeryTokenAsync($"/w/{_workshop.JoinCode}");
        Dictionary<string, string> NoName() => new() { ["mode"] = "walk-in", ["name"] = " ", ["groupId"] = _groupId.ToString(), ["__RequestVerificationToken"] = token };

        var page = await phone.Client.Http.PostAsync($"/w/{_workshop.JoinCode}/join", new FormUrlEncodedContent(NoName()));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal($"/w/{_workshop.JoinCode}?error=name", page.Headers.Location?.OriginalString);

        await AssertJoinProblemAsync(phone, _workshop.JoinCode, NoName(), HttpStatusCode.UnprocessableEntity, JoinRefusal.NameMissing.Message());
        var unknown = NoName();
        unknown["mode"] = "invite";
        unknown["invite"] = "not-a-link";
        await AssertJoinProblemAsync(phone, _workshop.JoinCode, unknown, HttpStatusCode.NotFound, JoinRefusal.NotRecognised.Message());
        await AssertJoinProblemAsync(phone, "ZZZ999", NoName(), HttpStatusCode.NotFound, JoinRefusal.NoWorkshop.Message());
    }

    private static async Task AssertJoinProblemAsync(Phone phone, string code, Dictionary<string, string> fields, HttpStatusCode status, string sentence)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/w/{code}/join") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await phone.Client.Http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(sentence, problem.GetProperty("detail").GetString());
        Assert.Equal(sentence, problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Walk_ins_need_the_facilitators_permission_and_a_removed_attendee_loses_the_session()
    {
        using var walkIn = await WalkInAsync("Dana");
        var attendee = Assert.Single((await ConsoleAsync()).Attendees);
        await StepOrFailAsync((s, a, w) => s.RemoveAttendeeAsync(a, w, attendee.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await walkIn.StateTextAsync()).Status);

        await using (var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            await db.Workshops.Where(w => w.Id == _workshop.Id).ExecuteUpdateAsync(w => w.SetProperty(x => x.AllowWalkIns, false));
        }

        // The page no longer offers the form; a hand-made post is refused all the same.
        using var stranger = new Phone(TestClient.Create(_world.Access.Factory), _workshop.JoinCode);
        Assert.DoesNotContain("name=\"name\"", await stranger.Client.Http.GetStringAsync($"/w/{_workshop.JoinCode}"));
        var token = await stranger.Client.AntiforgeryTokenAsync("/account/login");
        var refused = await stranger.Client.PostFormAsync($"/w/{_workshop.JoinCode}/join", token,
            new() { ["mode"] = "walk-in", ["name"] = "Eve", ["groupId"] = _groupId.ToString() });
        Assert.Equal($"/w/{_workshop.JoinCode}?error=invited-only", refused.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.StateTextAsync()).Status);

        using var lost = new Phone(TestClient.Create(_world.Access.Factory), "ZZZ999");
        Assert.Equal(HttpStatusCode.NotFound, (await lost.Client.Http.GetAsync("/w/ZZZ999")).StatusCode);
    }

    [Fact]
    public async Task A_recorded_consensus_is_the_score_everywhere_and_the_report_lists_it_with_its_rounds()
    {
        using var ana = await InvitedAsync(_world.AnaToken);
        using var ben = await InvitedAsync(_world.BenToken);
        // Before the workshop, the ratings' median decides.
        var anaSession = await _world.SessionAsync(_world.AnaToken);
        await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(anaSession, "1.1.1",
            new RatingValues(LevelAnswer.Of(MaturityLevel.Initial), LevelAnswer.Of(MaturityLevel.Initial), null, []), 0, null));
        var round = await OpenRoundAsync();
        await AcceptedAsync(ana.VoteAsync(round, "3", "4"));
        await AcceptedAsync(ben.VoteAsync(round, "3", "5"));
        await StepOrFailAsync((s, a, w) => s.CloseRoundAsync(a, w));
        await StepOrFailAsync((s, a, w) => s.RevealAsync(a, w));
        await StepOrFailAsync((s, a, w) => s.RecordDecisionAsync(a, w, MaturityLevel.Fulfilled, MaturityLevel.Improving,
            "Strategy adopted by council in 2025; monitoring started.", ["https://example.org/strategy"], _world.Access.Users["facilitator"].Id));

        var summary = (await _world.WithAsync(sp => sp.GetRequiredService<AssessmentSummaryService>().SummariseAsync(_world.Assessment.Id))).Summary;
        var scored = summary.Characteristics.Single(c => c.Code == "1.1.1");
        Assert.Equal((3m, ScoreSource.Consensus), (scored.Now.Score, scored.Now.Source));
        Assert.Equal((4m, ScoreSource.Consensus), (scored.InTwoYears.Score, scored.InTwoYears.Source));

        using var leader = await _world.Access.ClientAsync("leader");
        using var json = JsonDocument.Parse(await leader.Http.GetStringAsync($"/api/assessments/{_world.Assessment.Id}/summary"));
        var apiNow = json.RootElement.GetProperty("characteristics").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "1.1.1").GetProperty("now");
        Assert.Equal("consensus", apiNow.GetProperty("scoreSource").GetString());
        Assert.Equal(3m, apiNow.GetProperty("score").GetDecimal());

        var dashboard = await leader.Http.GetStringAsync($"/orgs/city-a/assessments/{_world.Assessment.Id}/dashboard");
        Assert.Contains("data-testid=\"consensus-decisions\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("Strategy adopted by council in 2025; monitoring started.", dashboard, StringComparison.Ordinal);

        var pdf = await leader.Http.GetByteArrayAsync($"/api/assessments/{_world.Assessment.Id}/report.pdf");
        using var poppler = Poppler.For(pdf);
        var text = poppler.Text();
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Strategy adopted by council in 2025; monitoring started.", collapsed);
        Assert.Contains("Rounds: 1) 2 votes, now median 3 IQR 0", collapsed);

        // "No consensus — noted" later: the median counts again.
        await StepOrFailAsync((s, a, w) => s.RecordDecisionAsync(a, w, null, null, "", [], null));
        var after = (await _world.WithAsync(sp => sp.GetRequiredService<AssessmentSummaryService>().SummariseAsync(_world.Assessment.Id))).Summary;
        Assert.Equal((1m, ScoreSource.Median), (after.Characteristics.Single(c => c.Code == "1.1.1").Now.Score, after.Characteristics.Single(c => c.Code == "1.1.1").Now.Source));
    }

    [Fact]
    public async Task The_console_and_the_presenter_list_the_twelve_latest_indicator_values_with_their_trend_in_words_and_the_rest_behind_show_more()
    {
        // Published values for the 16 indicators linked to 2.3.1: the first four last reported in 2022, the others in 2024;
        // by turns up (71 → 83), down (83 → 71) and unchanged (50 → 50) against the year before.
        var expected = await _world.WithAsync(async sp =>
        {
            var library = sp.GetRequiredService<CityMaturity.Domain.Indicators.IndicatorLibrary>();
            await using var db = await sp.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var words = new List<(string Code, string Trend)>();
            foreach (var (link, n) in library.LinksFor("2.3.1").Select((link, n) => (link, n)))
            {
                var indicator = library.Find(link.IndicatorCode)!;
                var latestYear = n < 4 ? 2022 : 2024;
                var (before, latest) = (n % 3) switch { 0 => (71m, 83m), 1 => (83m, 71m), _ => (50m, 50m) };
                foreach (var (year, value) in new[] { (latestYear - 1, before), (latestYear, latest) })
                {
                    db.IndicatorValues.Add(new CityMaturity.Domain.Indicators.IndicatorValue
                    {
                        Id = Guid.NewGuid(), OrganisationId = _world.Access.CityA.Id, IndicatorCode = indicator.Code, Year = year, Value = value,
                        Unit = indicator.Unit, Status = CityMaturity.Domain.Indicators.IndicatorValueStatus.Published, EnteredAt = DateTimeOffset.UtcNow,
                    });
                }

                var moved = $"{(latest > before ? "up" : "down")} from {before:0} in {latestYear - 1}";
                words.Add((indicator.Code, (latest == before, indicator.Direction) switch
                {
                    (true, _) => $"unchanged since {latestYear - 1}",
                    (false, CityMaturity.Domain.Indicators.IndicatorDirection.Neither) => moved,
                    (false, var direction) => $"{moved}: {((latest > before) == (direction == CityMaturity.Domain.Indicators.IndicatorDirection.HigherIsBetter) ? "better" : "worse")}",
                }));
            }

            await db.SaveChangesAsync();
            return words;
        });
        Assert.Equal(16, expected.Count);
        Assert.Contains(expected, e => e.Trend == "up from 71 in 2023: better");
        await StepOrFailAsync((s, a, w) => s.MoveToAsync(a, w, Array.IndexOf(Agenda, "2.3.1")));

        using var facilitator = await _world.Access.ClientAsync("facilitator");
        var console = $"/orgs/city-a/assessments/{_world.Assessment.Id}/workshops/{_workshop.Id}";
        foreach (var page in new[] { console, console + "/present" })
        {
            var html = await facilitator.Http.GetStringAsync(page);
            var more = html.IndexOf("data-testid=\"evidence-more-values\"", StringComparison.Ordinal);
            Assert.True(more > 0, $"{page}: no \"show more\" part");
            Assert.Contains("Show 4 more indicator values", html, StringComparison.Ordinal);
            var values = IndicatorValuesShown(html);
            // The 12 most recent first (the 2024 values), the four from 2022 behind "Show 4 more"; each with its trend in words.
            Assert.Equal([.. expected.Skip(4).Select(e => e.Code)], values.Where(v => v.At < more).Select(v => v.Code));
            Assert.Equal([.. expected.Take(4).Select(e => e.Code)], values.Where(v => v.At > more).Select(v => v.Code));
            foreach (var (code, trend) in expected)
            {
                var shown = values.Single(v => v.Code == code).Text;
                Assert.EndsWith($"· {trend}", shown, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The indicator values an evidence panel lists, in page order: code, where on the page, and the line's text.</summary>
    private static List<(string Code, int At, string Text)> IndicatorValuesShown(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<li data-indicator=\"([^\"]*)\"[^>]*>(.*?)</li>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Index,
                WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(m.Groups[2].Value, "<[^>]*>", string.Empty)).Trim()))];

    [Theory]
    [InlineData("facilitator", HttpStatusCode.OK)]
    [InlineData("org_admin", HttpStatusCode.OK)]
    [InlineData("leader", HttpStatusCode.NotFound)]
    [InlineData("member", HttpStatusCode.NotFound)]
    [InlineData("other_org_admin", HttpStatusCode.NotFound)]
    public async Task Only_those_who_manage_the_assessment_reach_the_console_and_the_presenter_view(string role, HttpStatusCode expected)
    {
        using var client = await _world.Access.ClientAsync(role);
        var console = $"/orgs/city-a/assessments/{_world.Assessment.Id}/workshops/{_workshop.Id}";
        Assert.Equal(expected, (await client.Http.GetAsync(console)).StatusCode);
        Assert.Equal(expected, (await client.Http.GetAsync(console + "/present")).StatusCode);
        Assert.Equal(expected, (await client.Http.GetAsync($"/orgs/city-a/assessments/{_world.Assessment.Id}/workshops")).StatusCode);
    }
}
