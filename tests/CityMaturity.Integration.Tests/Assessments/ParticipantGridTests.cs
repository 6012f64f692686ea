using System.Net;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>
/// The manage page's participants grid reads one page from PostgreSQL (issue 12): search, state, sorting, paging and
/// the total are the query's; another organisation gets nothing; a render's database work does not grow with the
/// participants. The page is fetched over real Kestrel (a second app instance on the world's database).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class ParticipantGridTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private CityMaturityFactory _kestrel = null!;
    private Uri _address = null!;

    private string ManagePath => $"/orgs/{_world.Access.CityA.Slug}/assessments/{_world.Assessment.Id}";

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        // "Person 00" … "Person 59": i % 3 == 0 in progress, 1 not started, 2 finished; Zoe matches "person" by her address only.
        await AddAsync(Enumerable.Range(0, 60).Select(i => ($"Person {i:00}", $"p{i:00}@example.org", (i % 3) switch
        {
            0 => ParticipantProgressState.InProgress,
            1 => ParticipantProgressState.NotStarted,
            _ => ParticipantProgressState.Complete,
        })).Append(("Zoe Zed", "zoe.person@example.org", ParticipantProgressState.InProgress)));
        _kestrel = new CityMaturityFactory(_world.Access.Factory.ConnectionString);
        _address = _kestrel.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        await _kestrel.DisposeAsync();
        await _world.DisposeAsync();
    }

    /// <summary>Adds participants (alternating between the first two groups) with answers that put them in the given state.</summary>
    private async Task AddAsync(IEnumerable<(string Name, string Email, ParticipantProgressState State)> people)
    {
        await using var scope = _world.Services.CreateAsyncScope();
        var codes = scope.ServiceProvider.GetRequiredService<MaturityCatalogue>().Characteristics.Select(c => c.Code).ToList();
        Assert.Equal(codes.Count, _world.Assessment.Scope.Count);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var groups = await db.StakeholderGroups.Where(g => g.AssessmentId == _world.Assessment.Id).OrderBy(g => g.Position).Select(g => g.Id).Take(2).ToListAsync();
        var index = 0;
        foreach (var (name, email, state) in people)
        {
            var participant = new Participant
            {
                Id = Guid.NewGuid(), AssessmentId = _world.Assessment.Id, GroupId = groups[index++ % 2], Name = name, Email = email, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Participants.Add(participant);
            var answered = state switch { ParticipantProgressState.Complete => codes, ParticipantProgressState.InProgress => codes.Take(1).ToList(), _ => [] };
            db.Ratings.AddRange(answered.Select(code => new Rating
            {
                Id = Guid.NewGuid(), AssessmentId = _world.Assessment.Id, ParticipantId = participant.Id, CharacteristicCode = code,
                LevelNow = LevelAnswer.FromCode("3"), LevelInTwoYears = LevelAnswer.FromCode("4"), UpdatedAt = DateTimeOffset.UtcNow,
            }));
        }

        await db.SaveChangesAsync();
    }

    private Task<ParticipantPage> PageAsync(Guid organisationId, ParticipantPageRequest request) =>
        _world.WithAsync(sp => sp.GetRequiredService<ParticipantGrid>().PageAsync(organisationId, _world.Assessment.Id, request));

    private async Task<TestClient> SignedInAsync(string role)
    {
        var client = new TestClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = _address,
        });
        await client.SignInOrFailAsync(_world.Access.Users[role].Email!, TestAccounts.Password);
        return client;
    }

    [Fact]
    public async Task Page_two_by_name_descending_with_a_search_and_a_state_holds_exactly_its_rows_and_the_total()
    {
        var page = await PageAsync(_world.Access.CityA.Id,
            new ParticipantPageRequest(Page: 1, PageSize: 5, Search: " PERSON ", State: ParticipantProgressState.InProgress, Sort: ParticipantSort.Name, Descending: true));

        // In progress and matching "person": Person 00, 03 … 57 (20) by name, Zoe by her address; descending, Zoe first.
        Assert.Equal(21, page.Total);
        Assert.Equal(["Person 45", "Person 42", "Person 39", "Person 36", "Person 33"], page.Rows.Select(r => r.Participant.Name));
        Assert.All(page.Rows, r => Assert.Equal(ParticipantProgressState.InProgress, r.State));
        Assert.All(page.Rows, r => Assert.Equal((1, 2), (r.Answered, r.AnswersGiven)));

        // The state's own name is searched too, and the search's % and _ are literal text, not wildcards.
        var finished = await PageAsync(_world.Access.CityA.Id, new ParticipantPageRequest(0, 250, Search: "finish"));
        Assert.Equal(20, finished.Total);
        Assert.All(finished.Rows, r => Assert.Equal(ParticipantProgressState.Complete, r.State));
        Assert.Equal(0, (await PageAsync(_world.Access.CityA.Id, new ParticipantPageRequest(0, 50, Search: "%"))).Total);
        Assert.Equal(0, (await PageAsync(_world.Access.CityA.Id, new ParticipantPageRequest(0, 50, Search: "Person_0"))).Total);

        // Most answers first; the tie within a count by name.
        var byAnswers = await PageAsync(_world.Access.CityA.Id, new ParticipantPageRequest(0, 3, Sort: ParticipantSort.AnswersGiven, Descending: true));
        Assert.Equal(["Person 02", "Person 05", "Person 08"], byAnswers.Rows.Select(r => r.Participant.Name));
        Assert.Equal(63, byAnswers.Total);
    }

    [Theory]
    [InlineData(ParticipantSort.Name, false)]
    [InlineData(ParticipantSort.Name, true)]
    [InlineData(ParticipantSort.Email, true)]
    [InlineData(ParticipantSort.Group, false)]
    public async Task Paging_the_people_first_gives_each_the_answers_the_full_count_gives_in_the_requested_order(ParticipantSort sort, bool descending)
    {
        // Sorting by the people's own columns with a search that names no state pages the people alone and counts only
        // the page's answers; sorting by answers counts everyone's. Both must agree on every participant's figures.
        var everyone = await PageAsync(_world.Access.CityA.Id, new ParticipantPageRequest(0, 250, Search: "person", Sort: ParticipantSort.AnswersGiven));
        var byId = everyone.Rows.ToDictionary(r => r.Participant.Id);
        var pages = new List<ParticipantProgress>();
        for (var number = 0; number < 4; number++)
        {
            var page = await PageAsync(_world.Access.CityA.Id, new ParticipantPageRequest(number, 20, Search: "person", Sort: sort, Descending: descending));
            Assert.Equal(everyone.Total, page.Total);
            pages.AddRange(page.Rows);
        }

        Assert.Equal(61, everyone.Total);
        Assert.Equal(everyone.Total, pages.Count);
        Assert.Equal(byId.Keys.Order(), pages.Select(r => r.Participant.Id).Order());
        Assert.All(pages, r => Assert.Equal(
            (byId[r.Participant.Id].AnswersGiven, byId[r.Participant.Id].Answered, byId[r.Participant.Id].State, byId[r.Participant.Id].LastAnswerAt),
            (r.AnswersGiven, r.Answered, r.State, r.LastAnswerAt)));
        string Key(ParticipantProgress r) => sort switch
        {
            ParticipantSort.Email => r.Participant.Email,
            ParticipantSort.Group => r.GroupName,
            _ => r.Participant.Name,
        };
        var keys = pages.Select(Key).ToList();
        var expected = descending ? keys.OrderDescending(StringComparer.Ordinal).ToList() : keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task Another_organisation_gets_no_participant_and_neither_does_anyone_but_a_manager()
    {
        Assert.Equal(ParticipantPage.Empty, await PageAsync(_world.Access.CityB.Id, ParticipantPageRequest.First));
        Assert.Equal(ParticipantPage.Empty, await PageAsync(Guid.NewGuid(), ParticipantPageRequest.First));
        Assert.Equal(63, (await PageAsync(_world.Access.CityA.Id, ParticipantPageRequest.First)).Total);

        foreach (var role in new[] { "member", "leader", "data_officer", "other_org_admin" })
        {
            using var client = await SignedInAsync(role);
            using var response = await client.Http.GetAsync(ManagePath);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Person 00", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-participant=", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_first_render_shows_the_first_page_by_name_and_reads_no_more_rows_with_more_participants()
    {
        using var facilitator = await SignedInAsync("facilitator");
        async Task<(string Html, DatabaseWork Work)> RenderAsync() => await QueryCounter.MeasureAsync(async () =>
        {
            using var response = await facilitator.Http.GetAsync(ManagePath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        });

        // The fewer of two renders each time: now and then a request also runs the app's own occasional work (a
        // sign-in's facts read again), a statement or two more that have nothing to do with the participants.
        async Task<DatabaseWork> LeastOfTwoAsync()
        {
            var (_, first) = await RenderAsync();
            var (_, second) = await RenderAsync();
            return (first.Commands, first.Rows).CompareTo((second.Commands, second.Rows)) <= 0 ? first : second;
        }

        await RenderAsync(); // warm: the first request of a client reads its sign-in's facts once
        var (html, work) = await RenderAsync();
        // The page of participants is read once (the tabs set the panel's parameters twice in the first render; each read
        // is five statements, its last the reminders sent to the page's people), and so is the assessment's row (the
        // access check's, which the overview reuses; the grid's own read of it selects only a few columns).
        Assert.Single(work.Statements, s => s.Contains("FROM participant_reminders", StringComparison.Ordinal));
        Assert.Single(work.Statements, s => s.StartsWith("SELECT a.id, a.community", StringComparison.Ordinal));
        var before = await LeastOfTwoAsync();
        // Without scripts the page shows the first 50 of 63 by name: Ana, Ben, Person 00 … Person 47.
        var shown = ParticipantCell().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["Ana Silva", "Ben Okafor", "Person 00"], shown.Take(3));
        Assert.Equal(50, shown.Count);
        Assert.Equal("Person 47", shown[^1]);
        // The grid of the first render holds only that page, so it says how many there are instead of a pager of 50.
        Assert.Contains("The first 50 of 63 participants by name", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("mud-table-pagination-actions", html, StringComparison.Ordinal);

        await AddAsync(Enumerable.Range(0, 200).Select(i => ($"Later {i:000}", $"later{i:000}@example.org", ParticipantProgressState.Complete)));
        var after = await LeastOfTwoAsync();

        // 263 participants and 6,400 more ratings later, the render reads the same rows: one page, not everyone.
        // No more rows (once, at load average 40, the render before read one row more than the one after: the claim is
        // "not more", so fewer passes).
        Assert.True(before.Commands == after.Commands,
            $"{before.Commands} statements before, {after.Commands} after:\n{string.Join("\n--\n", before.Statements)}\n====\n{string.Join("\n--\n", after.Statements)}");
        // The counter sees the rows of pooled contexts too (ADR 0064): the 50 people shown, twice (the page and its
        // progress), and the page's other reads.
        Assert.True(before.Rows > 100, $"a render read {before.Rows} rows, fewer than the 50 people it shows twice");
        Assert.True(after.Rows <= before.Rows, $"a render read {after.Rows} rows after adding 200 participants, {before.Rows} before");
        Assert.True(after.Rows < 263, $"a render read {after.Rows} rows, for 263 participants");
    }

    [Fact]
    public async Task The_search_finds_what_the_reminders_column_says_exactly_where_the_page_shows_it()
    {
        // The clock in the seven-day window of a deadline years ahead (the app's own poller never finds it due).
        var clock = new FixedClock(new DateTimeOffset(2031, 3, 5, 0, 0, 0, TimeSpan.Zero));
        var sentDay = new DateTimeOffset(2031, 3, 4, 10, 0, 0, TimeSpan.Zero);
        await using (var scope = _world.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var assessmentId = _world.Assessment.Id;
            await db.Assessments.Where(a => a.Id == assessmentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Deadline, new DateOnly(2031, 3, 10)));
            var ids = await db.Participants.Where(p => p.AssessmentId == assessmentId).ToDictionaryAsync(p => p.Name, p => p.Id);
            // Ana: invited before the window, nothing sent ("7-day due now"). Ben: the 7-day reminder sent. Person 01: link
            // withdrawn. Person 03: invited inside the window ("2-day due …"). Person 02 (finished) and Person 00
            // (not invited) got one anyway; Person 04 both stages. Everyone else: "none until invited" or "finished: no more".
            await db.Participants.Where(p => p.Id == ids["Person 01"]).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.InvitedAt, sentDay.AddDays(-20)).SetProperty(p => p.TokenRevokedAt, sentDay.AddDays(-19)));
            await db.Participants.Where(p => p.Id == ids["Person 03"] || p.Id == ids["Person 04"]).ExecuteUpdateAsync(s => s.SetProperty(p => p.InvitedAt, sentDay));
            db.ParticipantReminders.AddRange(
                new ParticipantReminder { ParticipantId = ids["Ben Okafor"], AssessmentId = assessmentId, DaysBefore = 7, SentAt = sentDay },
                new ParticipantReminder { ParticipantId = ids["Person 02"], AssessmentId = assessmentId, DaysBefore = 7, SentAt = sentDay },
                new ParticipantReminder { ParticipantId = ids["Person 00"], AssessmentId = assessmentId, DaysBefore = 7, SentAt = sentDay.AddHours(-12) },
                new ParticipantReminder { ParticipantId = ids["Person 04"], AssessmentId = assessmentId, DaysBefore = 2, SentAt = sentDay.AddDays(-1) },
                new ParticipantReminder { ParticipantId = ids["Person 04"], AssessmentId = assessmentId, DaysBefore = 7, SentAt = sentDay.AddDays(-2) });
            await db.SaveChangesAsync();
        }

        Task<ParticipantPage> SearchAsync(string? search) => _world.WithAsync(sp =>
            new ParticipantGrid(sp.GetRequiredService<IDbContextFactory<CityMaturityDb>>(), clock)
                .PageAsync(_world.Access.CityA.Id, _world.Assessment.Id, new ParticipantPageRequest(0, 250, Search: search)));
        async Task<IReadOnlyList<string>> NamesAsync(string search) => [.. (await SearchAsync(search)).Rows.Select(r => r.Participant.Name)];

        // What the page shows, and what a search for a piece of it finds: the same people, searched in PostgreSQL.
        async Task SearchesMatchThePageAsync(params string[] searches)
        {
            var assessment = await _world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().OverviewAsync(_world.Assessment.Id));
            var everyone = (await SearchAsync(null)).Rows;
            Assert.Equal(63, everyone.Count);
            var shown = everyone.ToDictionary(r => r.Participant.Name, r => ReminderStatus.Describe(assessment.Assessment, r, clock.GetUtcNow()));
            foreach (var search in searches)
            {
                var expected = everyone.Where(r => new[] { r.Participant.Name, r.Participant.Email, r.GroupName, ParticipantStates.Name(r.State), shown[r.Participant.Name] }
                    .Any(text => text.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))).Select(r => r.Participant.Name).Order(StringComparer.Ordinal);
                Assert.True(expected.SequenceEqual((await NamesAsync(search)).Order(StringComparer.Ordinal)), $"search \"{search}\"");
            }
        }

        Assert.Equal(["Ana Silva"], await NamesAsync("due now"));
        Assert.Equal(["Person 01"], await NamesAsync("WITHDRAWN"));
        Assert.Equal(["Person 02"], await NamesAsync("sent 2031-03-04; finished"));
        Assert.Equal(["Ben Okafor", "Person 03", "Person 04"], await NamesAsync("2-day due 2031-03-09"));
        Assert.Equal(["Person 04"], await NamesAsync("7-day sent 2031-03-02, 2-day sent 2031-03-03; 2-day due"));
        Assert.Equal(["Ben Okafor", "Person 00", "Person 02", "Person 04"], await NamesAsync("-day sent"));
        await SearchesMatchThePageAsync("sent", "due", "7-day", "2031-03-04", "2031-03-03;", " 2031-03-02, 2-DAY ", "none", "until invited", "; none", "finished: no", "no more", "link", "invited; ");

        // When the schedule says the same for everyone (reminders off, no deadline, closed), that text is found instead.
        async Task UpdateAssessmentAsync(Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Assessment>> set) => await _world.WithAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            return await db.Assessments.Where(a => a.Id == _world.Assessment.Id).ExecuteUpdateAsync(set);
        });
        await UpdateAssessmentAsync(s => s.SetProperty(a => a.RemindersEnabled, false));
        Assert.Empty(await NamesAsync("due now"));
        // Everyone who has not finished: Ana, Ben, Zoe and 40 of the 60.
        Assert.Equal(43, (await NamesAsync("reminders are off")).Count);
        await SearchesMatchThePageAsync("reminders are off", "off", "sent", "; scheduled", "none");
        await UpdateAssessmentAsync(s => s.SetProperty(a => a.Deadline, (DateOnly?)null));
        await SearchesMatchThePageAsync("no deadline", "none", "sent", "finished");
        await _world.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.Assessment.Id, AssessmentStatus.Closed); return 0; });
        await UpdateAssessmentAsync(s => s.SetProperty(a => a.Deadline, new DateOnly(2031, 3, 10)).SetProperty(a => a.RemindersEnabled, true));
        // Closed: nothing more is due, so those without a reminder sent who have not finished read "None" (43 less Ben, Person 00 and 04).
        Assert.Equal(40, (await NamesAsync("none")).Count);
        await SearchesMatchThePageAsync("none", "sent", "due", "; ", "finished");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [GeneratedRegex("data-participant=\"[^\"]*\"[^>]*>([^<]*)</span>")]
    private static partial Regex ParticipantCell();
}
