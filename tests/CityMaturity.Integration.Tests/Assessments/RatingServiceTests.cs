using System.Security.Cryptography;
using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

[Collection(DatabaseCollection.Name)]
public sealed class RatingServiceTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;

    public async Task InitializeAsync() => _world = await AssessmentWorld.CreateAsync(database.Server);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static RatingValues Values(int now, int inTwoYears, string? comment = null) =>
        new(LevelAnswer.Of(MaturityLevels.FromNumber(now)), LevelAnswer.Of(MaturityLevels.FromNumber(inTwoYears)), comment, []);

    private Task<SaveOutcome> SaveAsync(RatingSession session, string code, RatingValues values, int expectedVersion) =>
        _world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(session, code, values, expectedVersion, null));

    private async Task<List<RatingChange>> ChangesAsync(string code)
    {
        await using var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await db.RatingChanges.Where(c => c.AssessmentId == _world.Assessment.Id && c.CharacteristicCode == code).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task Every_save_is_stored_and_audited_with_old_and_new_values()
    {
        var session = await _world.SessionAsync(_world.AnaToken);

        var first = Assert.IsType<SaveOutcome.Saved>(await SaveAsync(session, "2.3.1", Values(3, 4), 0));
        var second = Assert.IsType<SaveOutcome.Saved>(await SaveAsync(session, "2.3.1", Values(2, 4, "We lack a strategy."), first.Rating.Version));

        Assert.Equal(2, second.Rating.Version);
        var changes = await ChangesAsync("2.3.1");
        Assert.Equal(2, changes.Count);
        Assert.Equal((LevelAnswer.Unanswered, LevelAnswer.Of(MaturityLevel.Fulfilled)), (changes[0].OldLevelNow, changes[0].NewLevelNow));
        Assert.Equal((LevelAnswer.Of(MaturityLevel.Fulfilled), LevelAnswer.Of(MaturityLevel.PartiallyFulfilled)), (changes[1].OldLevelNow, changes[1].NewLevelNow));
        Assert.Equal((null, "We lack a strategy."), (changes[1].OldComment, changes[1].NewComment));
        Assert.All(changes, c => Assert.True(c.ChangedByParticipant));
        Assert.All(changes, c => Assert.Equal(_world.Ana.Id, c.ParticipantId));
    }

    [Fact]
    public async Task Saving_the_same_values_again_writes_no_audit_entry()
    {
        var session = await _world.SessionAsync(_world.AnaToken);
        var saved = Assert.IsType<SaveOutcome.Saved>(await SaveAsync(session, "1.1.1", Values(3, 3), 0));

        Assert.IsType<SaveOutcome.Saved>(await SaveAsync(session, "1.1.1", Values(3, 3), saved.Rating.Version));

        Assert.Single(await ChangesAsync("1.1.1"));
    }

    [Fact]
    public async Task A_stale_tab_is_told_and_does_not_overwrite()
    {
        var session = await _world.SessionAsync(_world.AnaToken);
        var firstTab = Assert.IsType<SaveOutcome.Saved>(await SaveAsync(session, "3.2.1", Values(2, 3), 0));
        Assert.IsType<SaveOutcome.Saved>(await SaveAsync(session, "3.2.1", Values(4, 4), firstTab.Rating.Version));

        // The first tab still shows version 1 and saves on top of it.
        var stale = await SaveAsync(session, "3.2.1", Values(1, 1), firstTab.Rating.Version);

        var conflict = Assert.IsType<SaveOutcome.Conflict>(stale);
        Assert.Equal(LevelAnswer.Of(MaturityLevel.Improving), conflict.Current.LevelNow);
        Assert.Equal(2, (await ChangesAsync("3.2.1")).Count);
    }

    [Fact]
    public async Task Two_simultaneous_first_answers_leave_exactly_one()
    {
        var session = await _world.SessionAsync(_world.BenToken);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 4).Select(level => SaveAsync(session, "4.4", Values(level, level), 0)));

        Assert.Single(outcomes.OfType<SaveOutcome.Saved>());
        Assert.Equal(3, outcomes.OfType<SaveOutcome.Conflict>().Count());
        Assert.Single(await ChangesAsync("4.4"));
    }

    [Fact]
    public async Task A_closed_assessment_refuses_changes_and_writes_nothing()
    {
        var session = await _world.SessionAsync(_world.BenToken);
        await _world.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.Assessment.Id, AssessmentStatus.Closed); return 0; });

        var outcome = await SaveAsync(session, "1.2.1", Values(3, 3), 0);

        Assert.Contains("closed", Assert.IsType<SaveOutcome.Rejected>(outcome).Message, StringComparison.Ordinal);
        Assert.Empty(await ChangesAsync("1.2.1"));
        await _world.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.Assessment.Id, AssessmentStatus.Open); return 0; });
    }

    [Theory]
    [InlineData(2001, null, "at most 2000 characters")]
    [InlineData(10, "javascript:alert(1)", "is not a web address")]
    [InlineData(10, "ftp://files.example.org/x", "is not a web address")]
    public async Task Invalid_input_is_rejected_with_a_clear_message(int commentLength, string? link, string expected)
    {
        var session = await _world.SessionAsync(_world.AnaToken);
        var values = new RatingValues(LevelAnswer.DontKnow, LevelAnswer.DontKnow, new string('x', commentLength), link is null ? [] : [link]);

        var outcome = await SaveAsync(session, "2.4.1", values, 0);

        Assert.Contains(expected, Assert.IsType<SaveOutcome.Rejected>(outcome).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dont_know_is_kept_as_such()
    {
        var session = await _world.SessionAsync(_world.AnaToken);

        await SaveAsync(session, "2.2.2", new RatingValues(LevelAnswer.DontKnow, LevelAnswer.Of(MaturityLevel.Initial), null, ["https://example.org/evidence"]), 0);

        var stored = await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().OwnRatingsAsync(_world.Ana.Id));
        Assert.Equal(LevelAnswer.DontKnow, stored["2.2.2"].LevelNow);
        Assert.Equal(["https://example.org/evidence"], stored["2.2.2"].EvidenceLinks);
    }

    [Fact]
    public async Task Personal_links_are_stored_hashed_and_a_new_link_replaces_the_old()
    {
        await using (var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            var stored = await db.Participants.SingleAsync(p => p.Id == _world.Ana.Id);
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(_world.AnaToken)), stored.TokenHash);
        }

        var newLink = await _world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().SendLinkAsync(_world.Assessment.Id, _world.Ana.Id, new Uri("http://localhost/"), reminder: true));

        Assert.Null(await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(_world.AnaToken)));
        Assert.NotNull(await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(newLink.Split('/')[^1])));
    }

    [Fact]
    public async Task A_withdrawn_link_stops_working()
    {
        await _world.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().RevokeLinkAsync(_world.Assessment.Id, _world.Ben.Id); return 0; });

        Assert.Null(await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(_world.BenToken)));
    }

    [Fact]
    public async Task A_personal_link_finds_the_participant_with_assessment_group_and_city_in_one_round_trip()
    {
        var overview = await _world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().OverviewAsync(_world.Assessment.Id));

        var (session, commands) = await QueryCounter.CountAsync(() => _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(_world.BenToken)));

        Assert.NotNull(session);
        Assert.Equal(_world.Ben.Id, session.Participant.Id);
        Assert.Equal(_world.Assessment.Id, session.Assessment.Id);
        Assert.Equal(_world.Assessment.Scope, session.Assessment.Scope);
        Assert.Equal(overview.Groups.Single(g => g.Id == _world.Ben.GroupId).Name, session.GroupName);
        Assert.NotEqual(overview.Groups[0].Name, session.GroupName);
        Assert.Equal(_world.Access.CityA.Name, session.OrganisationName);
        Assert.Equal(1, commands);
    }
}
