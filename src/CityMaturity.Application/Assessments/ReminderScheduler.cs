using CityMaturity.Domain.Assessments;
using CityMaturity.Application.Accounts;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>Settings of the scheduled reminders (section "Reminders").</summary>
public sealed class ReminderSettings
{
    /// <summary>Off: this instance sends no scheduled reminders (another instance may).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often to look for reminders that have become due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The address people reach the app at (e.g. https://maturity.example.org/), for the links in reminders.</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>
/// Sends the reminders that are due (<see cref="ReminderSchedule"/>) to participants who have not finished, once
/// each (ADR 0026). Every reminder is claimed by inserting its row into participant_reminders in the same transaction
/// that issues the fresh link and stores the outbox message: a second instance's insert waits for that transaction and
/// then finds the row, and a restart finds what was sent in the table — so nothing is sent twice or lost.
/// </summary>
public sealed partial class ReminderScheduler(
    IDbContextFactory<CityMaturityDb> dbFactory, MailService mail, TimeProvider clock, ILogger<ReminderScheduler> logger)
{
    /// <summary>One pass: sends every reminder due now; returns how many went out.</summary>
    public async Task<int> SendDueAsync(Uri baseUri, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var latestDeadline = today.AddDays(ReminderSchedule.Stages[0]);
        List<(Assessment Assessment, string Slug)> assessments;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            assessments = [.. (await (from a in db.Assessments.AsNoTracking()
                                      join o in db.Organisations on a.OrganisationId equals o.Id
                                      where a.Status == AssessmentStatus.Open && a.RemindersEnabled
                                            && a.Deadline != null && a.Deadline >= today && a.Deadline <= latestDeadline
                                      select new { a, o.Slug }).ToListAsync(cancellationToken)).Select(x => (x.a, x.Slug))];
        }

        var sent = 0;
        foreach (var (assessment, slug) in assessments)
        {
            if (ReminderSchedule.DueStage(assessment.Deadline!.Value, now) is not { } stage)
            {
                continue;
            }

            foreach (var participantId in await DueParticipantsAsync(assessment, stage.DaysBefore, stage.WindowStart, cancellationToken))
            {
                if (await SendOneAsync(assessment, slug, participantId, stage.DaysBefore, baseUri, cancellationToken))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    /// <summary>
    /// Participants who should get this stage's reminder: not finished, not reminded at this stage yet, reachable
    /// (members always; others once invited and while their link is not withdrawn), and not already mailed within the
    /// stage's window (an invitation or a manual reminder sent after the window opened is reminder enough).
    /// </summary>
    private async Task<List<Guid>> DueParticipantsAsync(Assessment assessment, int daysBefore, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Participants.AsNoTracking()
            .Where(p => p.AssessmentId == assessment.Id)
            .Where(p => p.UserId != null || (p.InvitedAt != null && p.TokenRevokedAt == null))
            .Where(p => (p.InvitedAt == null || p.InvitedAt < windowStart) && (p.RemindedAt == null || p.RemindedAt < windowStart))
            .Where(p => !db.ParticipantReminders.Any(r => r.ParticipantId == p.Id && r.DaysBefore == daysBefore))
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        var given = await db.Ratings.Where(r => r.AssessmentId == assessment.Id)
            .GroupBy(r => r.ParticipantId)
            .Select(g => new
            {
                g.Key,
                Given = g.Sum(r => (EF.Property<string?>(r, RatingColumns.LevelNow) != null ? 1 : 0) + (EF.Property<string?>(r, RatingColumns.LevelInTwoYears) != null ? 1 : 0)),
            })
            .ToDictionaryAsync(x => x.Key, x => x.Given, cancellationToken);
        var asked = AnswerCounts.AskedOf(assessment);
        return [.. candidates.Where(id => given.GetValueOrDefault(id) < asked)];
    }

    /// <summary>Claims, writes and delivers one reminder; false when another pass or instance has sent it already or the participant finished meanwhile.</summary>
    private async Task<bool> SendOneAsync(Assessment assessment, string slug, Guid participantId, int daysBefore, Uri baseUri, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        OutboxMessage message;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO participant_reminders (participant_id, assessment_id, days_before, sent_at)
                VALUES ({participantId}, {assessment.Id}, {(short)daysBefore}, {now})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            // Read again inside the claim: an answer given since the list was made may have finished the participant.
            var participant = await db.Participants.SingleAsync(p => p.Id == participantId, cancellationToken);
            var given = await AnswerCounts.GivenAsync(db, participantId, cancellationToken);
            var asked = AnswerCounts.AskedOf(assessment);
            if (given >= asked || (participant.UserId is null && participant.TokenRevokedAt is not null))
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            // A participant by link gets a fresh personal link (only hashes are stored, as for a manual reminder); a member
            // rates signed in, so their link is the assessment's rating page.
            string link;
            if (participant.UserId is null)
            {
                link = AssessmentService.IssueLink(participant, baseUri, now, reminder: true);
            }
            else
            {
                participant.RemindedAt = now;
                link = new Uri(baseUri, $"orgs/{slug}/assessments/{assessment.Id}/rate").ToString();
            }

            var text = RatingMail.Reminder(assessment, participant.Name, link, given, asked, freshLink: participant.UserId is null);
            message = mail.Queue(db, participant.Email, text.Subject, text.Body, OutboxKinds.ScheduledReminder);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogSent(logger, daysBefore, participantId, assessment.Id);
        await mail.DeliverAsync(message, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the {DaysBefore}-day reminder to participant {ParticipantId} of assessment {AssessmentId}")]
    private static partial void LogSent(ILogger logger, int daysBefore, Guid participantId, Guid assessmentId);
}
