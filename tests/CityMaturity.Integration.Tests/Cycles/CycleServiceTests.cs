using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Integration.Tests.Cycles;

/// <summary>Follow-ups copy what the next cycle needs and nothing that would let an old link rate the new cycle.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CycleServiceTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("cycles", server => AssessmentWorld.CreateAsync(server));

    public Task DisposeAsync() => Task.CompletedTask;

    private Guid CityA => _world.Access.CityA.Id;

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _world.WithAsync(action);

    /// <summary>A closed assessment of City A: scope 1.1.1, 1.1.2 and 2.1.1, two groups, a target, three participants (Ana invited).</summary>
    internal static async Task<(Assessment Assessment, Participant Ana, Participant Ben, Participant Cy)> ClosedAssessmentAsync(
        IServiceProvider services, Guid organisationId, string name, DateOnly deadline, Func<Participant, Participant, Task>? rate = null)
    {
        var assessments = services.GetRequiredService<AssessmentService>();
        var created = await assessments.CreateAsync(organisationId, new NewAssessment(
            name, "City A", "evaluation", AssessmentMethod.MultiStakeholder, ["2.1.1", "1.1.1", "1.1.2"], deadline,
            ["Council", "Residents"], new Dictionary<string, MaturityLevel> { ["1.1.1"] = MaturityLevel.Improving }), null);
        var groups = (await assessments.OverviewAsync(created.Id)).Groups;
        var ana = await assessments.AddParticipantAsync(created.Id, "Ana Silva", "ana@example.org", groups[0].Id);
        var ben = await assessments.AddParticipantAsync(created.Id, "Ben Okafor", "ben@example.org", groups[1].Id);
        var cy = await assessments.AddParticipantAsync(created.Id, "Cy Lund", "cy@example.org", groups[1].Id);
        await assessments.MoveToAsync(created.Id, AssessmentStatus.Open);
        await assessments.SendLinkAsync(created.Id, ana.Id, new Uri("http://localhost/"), reminder: false);
        if (rate is not null)
        {
            await rate(ana, ben);
        }

        await assessments.MoveToAsync(created.Id, AssessmentStatus.Closed);
        return ((await assessments.OverviewAsync(created.Id)).Assessment, ana, ben, cy);
    }

    [Fact]
    public async Task A_follow_up_copies_settings_groups_targets_and_the_chosen_participants_but_no_links()
    {
        var (predecessor, ana, _, cy) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Copy 2022", new DateOnly(2022, 6, 1)));

        var followUp = await WithAsync(sp => sp.GetRequiredService<CycleService>().StartFollowUpAsync(
            CityA, predecessor.Id, new FollowUp("Copy 2024", "Copy series", new DateOnly(2024, 6, 1), [ana.Id, cy.Id]), _world.Access.Users["facilitator"].Id));

        await using var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var stored = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == followUp.Id);
        Assert.Equal(
            (AssessmentStatus.Draft, "City A", "evaluation", AssessmentMethod.MultiStakeholder, predecessor.Id, new DateOnly(2024, 6, 1)),
            (stored.Status, stored.Community, stored.Purpose, stored.Method, stored.PredecessorId!.Value, stored.Deadline!.Value));
        Assert.Equal(["1.1.1", "1.1.2", "2.1.1"], stored.Scope);

        var series = await db.AssessmentSeries.AsNoTracking().SingleAsync(s => s.Id == stored.SeriesId);
        Assert.Equal("Copy series", series.Name);
        Assert.Equal(series.Id, (await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == predecessor.Id)).SeriesId);

        var oldGroups = await db.StakeholderGroups.AsNoTracking().Where(g => g.AssessmentId == predecessor.Id).OrderBy(g => g.Position).ToListAsync();
        var newGroups = await db.StakeholderGroups.AsNoTracking().Where(g => g.AssessmentId == followUp.Id).OrderBy(g => g.Position).ToListAsync();
        Assert.Equal(oldGroups.Select(g => (g.Name, g.Position)), newGroups.Select(g => (g.Name, g.Position)));
        Assert.Empty(newGroups.Select(g => g.Id).Intersect(oldGroups.Select(g => g.Id)));

        var targets = await db.AssessmentTargets.AsNoTracking().Where(t => t.AssessmentId == followUp.Id).ToListAsync();
        Assert.Equal([("1.1.1", 4)], targets.Select(t => (t.CharacteristicCode, t.TargetLevel)));

        var people = await db.Participants.AsNoTracking().Where(p => p.AssessmentId == followUp.Id).OrderBy(p => p.Name).ToListAsync();
        Assert.Equal(["Ana Silva", "Cy Lund"], people.Select(p => p.Name));
        Assert.Equal(["Council", "Residents"], people.Select(p => newGroups.Single(g => g.Id == p.GroupId).Name));
        Assert.All(people, p => Assert.True(p.TokenHash is null && p.TokenExpiresAt is null && p.InvitedAt is null && p.RemindedAt is null));
        Assert.NotNull((await db.Participants.AsNoTracking().SingleAsync(p => p.Id == ana.Id)).TokenHash);
        Assert.Empty(await db.Ratings.AsNoTracking().Where(r => r.AssessmentId == followUp.Id).ToListAsync());
    }

    [Fact]
    public async Task The_next_follow_up_joins_the_series_and_an_assessment_has_only_one_follow_up()
    {
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var (first, _, _, _) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Line 2020", new DateOnly(2020, 6, 1)));
        var second = await cycles.StartFollowUpAsync(CityA, first.Id, new FollowUp("Line 2022", "Line series", null, []), null);
        await WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            await assessments.MoveToAsync(second.Id, AssessmentStatus.Open);
            await assessments.MoveToAsync(second.Id, AssessmentStatus.Closed);
            return 0;
        });

        var third = await cycles.StartFollowUpAsync(CityA, second.Id, new FollowUp("Line 2024", "ignored: the series exists", null, []), null);
        var again = await Assert.ThrowsAsync<ValidationException>(() => cycles.StartFollowUpAsync(CityA, first.Id, new FollowUp("Line again", "x", null, []), null));

        Assert.Equal(second.SeriesId, third.SeriesId);
        Assert.Equal("This assessment already has a follow-up: 'Line 2022'.", again.Message);
        var listing = Assert.Single(await cycles.ListAsync(CityA), l => l.Series?.Id == second.SeriesId);
        Assert.Equal(["Line 2020", "Line 2022", "Line 2024"], listing.Cycles.Select(a => a.Name));
    }

    [Fact]
    public async Task Only_a_closed_assessment_is_followed_up_and_series_names_are_checked()
    {
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var (closed, _, _, _) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Names 2022", new DateOnly(2022, 6, 1)));
        var (other, _, _, _) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Names other", new DateOnly(2022, 6, 1)));
        await cycles.StartFollowUpAsync(CityA, other.Id, new FollowUp("Names other 2", "Taken Name", null, []), null);

        var open = await Assert.ThrowsAsync<ValidationException>(() =>
            cycles.StartFollowUpAsync(CityA, _world.Assessment.Id, new FollowUp("X", "Y", null, []), null));
        var blank = await Assert.ThrowsAsync<ValidationException>(() => cycles.StartFollowUpAsync(CityA, closed.Id, new FollowUp("X", "  ", null, []), null));
        var taken = await Assert.ThrowsAsync<ValidationException>(() => cycles.StartFollowUpAsync(CityA, closed.Id, new FollowUp("X", "taken name", null, []), null));
        var noName = await Assert.ThrowsAsync<ValidationException>(() => cycles.StartFollowUpAsync(CityA, closed.Id, new FollowUp("", "Fresh", null, []), null));

        Assert.Equal("Only a closed assessment can be followed up: close it first.", open.Message);
        Assert.Equal(CycleService.SeriesNameRule, blank.Message);
        Assert.Equal("A series named 'taken name' exists already: choose another name.", taken.Message);
        Assert.Contains("The name needs 1 to 200 characters.", noName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_is_renamed_with_the_rules_of_a_new_name_and_only_in_its_organisation()
    {
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var (first, _, _, _) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Rename 2022", new DateOnly(2022, 6, 1)));
        var (second, _, _, _) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Rename other", new DateOnly(2022, 6, 1)));
        var seriesId = (await cycles.StartFollowUpAsync(CityA, first.Id, new FollowUp("Rename 2024", "Rename series", null, []), null)).SeriesId!.Value;
        await cycles.StartFollowUpAsync(CityA, second.Id, new FollowUp("Rename other 2", "Rename taken", null, []), null);

        // Its own name in another case is fine (a correction); the name is cleaned as a new one is.
        Assert.Equal("RENAME series", (await cycles.RenameSeriesAsync(CityA, seriesId, "RENAME series", null)).Name);
        Assert.Equal("City-wide cycles", (await cycles.RenameSeriesAsync(CityA, seriesId, "  City-wide \u202E  cycles ", null)).Name);

        var taken = await Assert.ThrowsAsync<ValidationException>(() => cycles.RenameSeriesAsync(CityA, seriesId, "rename TAKEN", null));
        var blank = await Assert.ThrowsAsync<ValidationException>(() => cycles.RenameSeriesAsync(CityA, seriesId, " ", null));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => cycles.RenameSeriesAsync(CityA, seriesId, new string('x', 201), null));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => cycles.RenameSeriesAsync(_world.Access.CityB.Id, seriesId, "Stolen", null));
        Assert.Null(await cycles.FindSeriesAsync(_world.Access.CityB.Id, seriesId));

        Assert.Equal("A series named 'rename TAKEN' exists already: choose another name.", taken.Message);
        Assert.Equal(CycleService.SeriesNameRule, blank.Message);
        Assert.Equal(CycleService.SeriesNameRule, tooLong.Message);
        Assert.Equal("City-wide cycles", (await cycles.FindSeriesAsync(CityA, seriesId))!.Name);
    }

    [Fact]
    public async Task Another_organisation_finds_neither_the_assessment_nor_the_series()
    {
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var (closed, _, _, _) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Private 2022", new DateOnly(2022, 6, 1)));
        var followUp = await cycles.StartFollowUpAsync(CityA, closed.Id, new FollowUp("Private 2024", "Private series", null, []), null);
        var cityB = _world.Access.CityB.Id;

        await Assert.ThrowsAsync<KeyNotFoundException>(() => cycles.StartFollowUpAsync(cityB, closed.Id, new FollowUp("Stolen", "Stolen", null, []), null));
        Assert.Null(await cycles.SeriesAsync(cityB, followUp.SeriesId!.Value));
        Assert.DoesNotContain(await cycles.ListAsync(cityB), l => l.Cycles.Any(a => a.OrganisationId == CityA));
        Assert.NotNull(await cycles.SeriesAsync(CityA, followUp.SeriesId!.Value));
    }

    [Fact]
    public async Task The_series_page_figures_compare_the_earlier_plan_with_the_later_level_now()
    {
        var cycles = _world.Services.GetRequiredService<CycleService>();
        var (earlier, ana, ben, _) = await WithAsync(sp => ClosedAssessmentAsync(sp, CityA, "Figures 2022", new DateOnly(2022, 6, 1), (ana, ben) =>
            RateAsync(sp, ana, ("1.1.1", "2", "4"), ("1.1.2", "3", "DK")).ContinueWith(_ => RateAsync(sp, ben, ("1.1.1", "2", "4"))).Unwrap()));
        var later = await cycles.StartFollowUpAsync(CityA, earlier.Id, new FollowUp("Figures 2024", "Figures series", new DateOnly(2024, 6, 1), [ana.Id]), null);
        await WithAsync(async sp =>
        {
            await sp.GetRequiredService<AssessmentService>().MoveToAsync(later.Id, AssessmentStatus.Open);
            await using var db = await sp.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
            var copiedAna = await db.Participants.AsNoTracking().SingleAsync(p => p.AssessmentId == later.Id);
            await RateAsync(sp, copiedAna, ("1.1.1", "3", ""), ("1.1.2", "3", ""));
            return 0;
        });

        var view = await cycles.SeriesAsync(CityA, later.SeriesId!.Value) ?? throw new InvalidOperationException("series not found");

        Assert.Equal(["Figures 2022", "Figures 2024"], view.Trend.Cycles.Select(c => c.Name));
        Assert.Equal([2m, 3m], view.Trend.Characteristics.Single(l => l.Code == "1.1.1").Points.Select(p => p.Score));
        var realisation = view.Realisation!;
        Assert.Equal(24, realisation.ElapsedMonths);
        var judged = Assert.Single(realisation.Characteristics);
        Assert.Equal(("1.1.1", 4m, 3m, RealisationOutcome.Missed, 1m), (judged.Code, judged.Expected, judged.LaterNow.Score, judged.Outcome, judged.MissedBy));
        Assert.Equal(
            [("1.1.2", ExclusionReason.DontKnow), ("2.1.1", ExclusionReason.NotRated)],
            realisation.Excluded.Select(e => (e.Code, e.Reasons[0].Reason)));
        Assert.Equal(Movement.Improved, view.Moved!.Characteristics.Single(c => c.Code == "1.1.1").Movement);
    }

    private static async Task RateAsync(IServiceProvider services, Participant participant, params (string Code, string Now, string InTwoYears)[] ratings)
    {
        var service = services.GetRequiredService<RatingService>();
        var session = await SessionAsync(services, participant);
        foreach (var (code, now, inTwoYears) in ratings)
        {
            var outcome = await service.SaveAsync(session, code, new RatingValues(LevelAnswer.FromCode(now), LevelAnswer.FromCode(inTwoYears), null, []), 0, null);
            Assert.IsType<SaveOutcome.Saved>(outcome);
        }
    }

    /// <summary>A rating session for a participant, as the personal-link page builds it.</summary>
    private static async Task<RatingSession> SessionAsync(IServiceProvider services, Participant participant)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == participant.AssessmentId);
        var group = await db.StakeholderGroups.AsNoTracking().SingleAsync(g => g.Id == participant.GroupId);
        return new RatingSession(assessment, participant, group.Name, "City A");
    }
}
