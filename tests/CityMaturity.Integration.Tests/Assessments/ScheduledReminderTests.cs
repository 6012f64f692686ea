using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>
/// The scheduled reminders against the real database, with the clock in the test's hand. The deadline lies years
/// ahead, so the app's own poller (real clock) never finds these reminders due while the tests run.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ScheduledReminderTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly DateOnly Deadline = new(2031, 3, 10);
    private static readonly DateTimeOffset DeadlineEnds = new(2031, 3, 11, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InSevenDayWindow = DeadlineEnds.AddDays(-6);
    private static readonly DateTimeOffset InTwoDayWindow = DeadlineEnds.AddDays(-1.5);
    private static readonly Uri BaseUri = new("http://localhost/");

    private AssessmentWorld _world = null!;
    private readonly ManualClock _clock = new(InSevenDayWindow);

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        await using var db = await DbAsync();
        await db.Assessments.Where(a => a.Id == _world.Assessment.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Deadline, Deadline));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Each_reminder_goes_once_across_concurrent_instances_and_a_restart_and_never_to_the_finished()
    {
        var invited = await AddInvitedAsync(10);
        await FinishAsync(_world.Ben.Id);
        var notFinished = invited.Append(_world.Ana.Id).ToHashSet();

        // Four instances at once: every claim is the database's, so each person gets one.
        var sentAtOnce = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NewScheduler().SendDueAsync(BaseUri)));
        Assert.Equal(notFinished.Count, sentAtOnce.Sum());
        Assert.Equal(notFinished.Select(EmailOf).Order(), (await ScheduledRemindersAsync()).Select(m => m.ToAddress).Order());

        // A restart: a new scheduler, nothing in memory, the same hour.
        Assert.Equal(0, await NewScheduler().SendDueAsync(BaseUri));

        // The two-day stage: once more each, again once only.
        _clock.Now = InTwoDayWindow;
        var secondStage = await Task.WhenAll(NewScheduler().SendDueAsync(BaseUri), NewScheduler().SendDueAsync(BaseUri));
        Assert.Equal(notFinished.Count, secondStage.Sum());
        Assert.Equal(0, await NewScheduler().SendDueAsync(BaseUri));

        var reminders = await ScheduledRemindersAsync();
        Assert.Equal(2 * notFinished.Count, reminders.Count);
        Assert.DoesNotContain(reminders, m => m.ToAddress == "ben@example.org");
        await using var db = await DbAsync();
        var rows = await db.ParticipantReminders.Where(r => r.AssessmentId == _world.Assessment.Id).ToListAsync();
        Assert.Equal(notFinished.Count, rows.Count(r => r.DaysBefore == 7));
        Assert.Equal(notFinished.Count, rows.Count(r => r.DaysBefore == 2));

        // After the deadline: nothing, even for a stage never sent.
        _clock.Now = DeadlineEnds;
        await db.ParticipantReminders.Where(r => r.DaysBefore == 2).ExecuteDeleteAsync();
        Assert.Equal(0, await NewScheduler().SendDueAsync(BaseUri));
    }

    [Fact]
    public async Task The_reminder_says_what_is_left_and_by_when_and_its_fresh_link_replaces_the_old_one()
    {
        await AnswerAsync(_world.Ana.Id, 3);

        Assert.Equal(2, await NewScheduler().SendDueAsync(BaseUri));

        var reminder = (await ScheduledRemindersAsync()).Single(m => m.ToAddress == "ana@example.org");
        Assert.Equal("Reminder: 61 of 64 answers still open for City A, deadline 2031-03-10", reminder.Subject);
        Assert.Contains("This is a reminder about the assessment “Baseline” of City A.", reminder.Body);
        Assert.Contains("You have given 3 of 64 answers; 61 are still open.", reminder.Body);
        Assert.Contains("Please finish by 2031-03-10", reminder.Body);
        Assert.Contains("Your new personal link (it replaces the earlier one", reminder.Body);
        var benReminder = (await ScheduledRemindersAsync()).Single(m => m.ToAddress == "ben@example.org");
        Assert.Contains("You have not started yet: 64 answers", benReminder.Body);

        await using var db = await DbAsync();
        var invitation = await db.OutboxMessages.SingleAsync(m => m.ToAddress == "ana@example.org" && m.Kind == OutboxKinds.Invitation);
        Assert.StartsWith("Your view is asked", invitation.Subject);
        Assert.DoesNotContain("reminder", invitation.Body, StringComparison.OrdinalIgnoreCase);

        var newToken = reminder.Body.Split("http://localhost/rate/")[1].Split('\n')[0].Trim();
        Assert.NotNull(await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(newToken)));
        Assert.Null(await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(_world.AnaToken)));
    }

    [Fact]
    public async Task No_reminders_for_a_closed_assessment_or_one_with_reminders_off()
    {
        await _world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<AssessmentService>().SetRemindersAsync(_world.Assessment.Id, false);
            return 0;
        });
        Assert.Equal(0, await NewScheduler().SendDueAsync(BaseUri));

        await _world.WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            await assessments.SetRemindersAsync(_world.Assessment.Id, true);
            await assessments.MoveToAsync(_world.Assessment.Id, AssessmentStatus.Closed);
            return 0;
        });
        Assert.Equal(0, await NewScheduler().SendDueAsync(BaseUri));
        Assert.Empty(await ScheduledRemindersAsync());

        // Reopened with reminders on, the same moment sends them: the two checks above were what held them back.
        await _world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.Assessment.Id, AssessmentStatus.Open);
            return 0;
        });
        Assert.Equal(2, await NewScheduler().SendDueAsync(BaseUri));
    }

    [Fact]
    public async Task Withdrawn_links_and_people_just_mailed_are_left_alone_and_members_get_their_signed_in_page()
    {
        var member = _world.Access.Users["member"];
        await _world.WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            var groups = (await assessments.OverviewAsync(_world.Assessment.Id)).Groups;
            await assessments.AddParticipantAsync(_world.Assessment.Id, "Mia Member", member.Email!, groups[1].Id);
            await assessments.RevokeLinkAsync(_world.Assessment.Id, _world.Ben.Id);
            return 0;
        });
        // Ana was sent a new link after the seven-day window opened: that mail is reminder enough for this stage.
        await using (var db = await DbAsync())
        {
            await db.Participants.Where(p => p.Id == _world.Ana.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemindedAt, InSevenDayWindow.AddHours(-1)));
        }

        Assert.Equal(1, await NewScheduler().SendDueAsync(BaseUri));

        var reminder = Assert.Single(await ScheduledRemindersAsync());
        Assert.Equal(member.Email, reminder.ToAddress);
        Assert.Contains($"http://localhost/orgs/{_world.Access.CityA.Slug}/assessments/{_world.Assessment.Id}/rate", reminder.Body);
        Assert.Contains("signed in", reminder.Body);

        // In the next stage Ana is due again; Ben's link stays withdrawn.
        _clock.Now = InTwoDayWindow;
        Assert.Equal(2, await NewScheduler().SendDueAsync(BaseUri));
        Assert.DoesNotContain(await ScheduledRemindersAsync(), m => m.ToAddress == "ben@example.org");
    }

    [Fact]
    public async Task The_overview_shows_sent_reminders_and_the_next_one_due()
    {
        await AnswerAsync(_world.Ana.Id, 3);
        await NewScheduler().SendDueAsync(BaseUri);

        var overview = await _world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().OverviewAsync(_world.Assessment.Id));
        var ana = overview.Participants.Single(p => p.Participant.Id == _world.Ana.Id);
        Assert.Equal((3, 64, 1, ParticipantProgressState.InProgress), (ana.AnswersGiven, ana.AnswersAsked, ana.Answered, ana.State));
        Assert.NotNull(ana.LastAnswerAt);
        Assert.Equal("7-day sent 2031-03-05; 2-day due 2031-03-09", ReminderStatus.Describe(overview.Assessment, ana, _clock.Now));
        var ben = overview.Participants.Single(p => p.Participant.Id == _world.Ben.Id);
        Assert.Equal(ParticipantProgressState.NotStarted, ben.State);

        await FinishAsync(_world.Ben.Id);
        overview = await _world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().OverviewAsync(_world.Assessment.Id));
        ben = overview.Participants.Single(p => p.Participant.Id == _world.Ben.Id);
        Assert.Equal(ParticipantProgressState.Complete, ben.State);
        Assert.Equal("7-day sent 2031-03-05; finished: no more", ReminderStatus.Describe(overview.Assessment, ben, _clock.Now));
    }

    [Fact]
    public async Task The_outbox_tells_invitations_and_reminders_apart()
    {
        await NewScheduler().SendDueAsync(BaseUri);
        await _world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().SendLinkAsync(_world.Assessment.Id, _world.Ben.Id, BaseUri, reminder: true));

        using var admin = await _world.Access.ClientAsync("system_admin");
        var html = await admin.Http.GetStringAsync("/admin/outbox");

        Assert.Equal(2, Count(html, "data-kind=\"invitation\""));
        Assert.Equal(2, Count(html, "data-kind=\"scheduled-reminder\""));
        Assert.Equal(1, Count(html, "data-kind=\"reminder\""));
        Assert.Contains("<strong>Scheduled reminder</strong>", html);
        Assert.Contains("<strong>Reminder (sent by hand)</strong>", html);
        Assert.Contains("<strong>Invitation</strong>", html);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public void The_poller_runs_as_a_hosted_service_of_the_app() =>
        Assert.Contains(_world.Services.GetServices<IHostedService>(), s => s is ReminderPoller);

    private ReminderScheduler NewScheduler()
    {
        var dbFactory = _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>();
        var mail = new MailService(dbFactory, new SmtpSettings(), _clock, NullLogger<MailService>.Instance);
        return new ReminderScheduler(dbFactory, mail, _clock, NullLogger<ReminderScheduler>.Instance);
    }

    private async Task<CityMaturityDb> DbAsync() =>
        await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();

    private async Task<List<OutboxMessage>> ScheduledRemindersAsync()
    {
        await using var db = await DbAsync();
        return await db.OutboxMessages.Where(m => m.Kind == OutboxKinds.ScheduledReminder).ToListAsync();
    }

    private string EmailOf(Guid participantId)
    {
        using var db = _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContext();
        return db.Participants.Single(p => p.Id == participantId).Email;
    }

    /// <summary>Adds and invites <paramref name="count"/> participants; returns their ids.</summary>
    private async Task<List<Guid>> AddInvitedAsync(int count) => await _world.WithAsync(async sp =>
    {
        var assessments = sp.GetRequiredService<AssessmentService>();
        var group = (await assessments.OverviewAsync(_world.Assessment.Id)).Groups[2];
        var result = await assessments.AddParticipantListAsync(_world.Assessment.Id,
            string.Join('\n', Enumerable.Range(1, count).Select(i => $"Person {i}, person{i}@example.org, {group.Name}")));
        Assert.Equal(count, result.Added);
        await assessments.InviteUninvitedAsync(_world.Assessment.Id, BaseUri);
        await using var db = await DbAsync();
        return await db.Participants.Where(p => p.AssessmentId == _world.Assessment.Id && p.Email.StartsWith("person")).Select(p => p.Id).ToListAsync();
    });

    /// <summary>Answers both views of every characteristic in scope.</summary>
    private Task FinishAsync(Guid participantId) => AnswerAsync(participantId, 64);

    /// <summary>Stores <paramref name="views"/> answers, characteristic by characteristic ("now" first).</summary>
    private async Task AnswerAsync(Guid participantId, int views)
    {
        var catalogue = _world.Services.GetRequiredService<MaturityCatalogue>();
        await using var db = await DbAsync();
        foreach (var (code, i) in catalogue.Characteristics.Select((c, i) => (c.Code, i)).TakeWhile(x => 2 * x.i < views))
        {
            db.Ratings.Add(new Rating
            {
                Id = Guid.NewGuid(), AssessmentId = _world.Assessment.Id, ParticipantId = participantId, CharacteristicCode = code,
                LevelNow = LevelAnswer.Of(MaturityLevel.Fulfilled),
                LevelInTwoYears = 2 * i + 1 < views ? LevelAnswer.DontKnow : LevelAnswer.Unanswered,
                Version = 1, UpdatedAt = _clock.Now,
            });
        }

        await db.SaveChangesAsync();
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
