using System.Globalization;
using System.Linq.Expressions;
using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;

namespace CityMaturity.Application.Assessments;

/// <summary>What the facilitator's table says about one participant's scheduled reminders: sent, next due, or why none.</summary>
/// <remarks>
/// The participants grid searches this text in PostgreSQL (ADR 0060, amended): <see cref="TextInSql"/> builds the same
/// text there from the same <see cref="ReminderOutlook"/>, rule for rule in the order of <see cref="Next"/>;
/// ParticipantGridTests holds the two equal. A change to one rule is a change to both.
/// </remarks>
public static class ReminderStatus
{
    public const string Finished = "finished: no more";
    public const string NotInvited = "none until invited";
    public const string LinkWithdrawn = "link withdrawn: none";
    public const string Nothing = "None";

    public static string Describe(Assessment assessment, ParticipantProgress row, DateTimeOffset now) =>
        Describe(ReminderOutlook.Of(assessment, now), row);

    public static string Describe(ReminderOutlook outlook, ParticipantProgress row)
    {
        var sent = string.Join(", ", (row.RemindersSent ?? []).Select(r => $"{r.DaysBefore}-day sent {Day(r.SentAt)}"));
        var next = Next(outlook, row);
        return (sent.Length, next) switch
        {
            (0, null) => Nothing,
            (0, _) => next,
            (_, null) => sent,
            _ => $"{sent}; {next}",
        };
    }

    /// <summary>The next reminder this participant would get, or why none will come; null when there is nothing to say.</summary>
    private static string? Next(ReminderOutlook outlook, ParticipantProgress row)
    {
        if (row.State == ParticipantProgressState.Complete)
        {
            return Finished;
        }

        if (outlook.SameForEveryone)
        {
            return outlook.ForEveryone;
        }

        var participant = row.Participant;
        if (participant.UserId is null && participant.InvitedAt is null)
        {
            return NotInvited;
        }

        if (participant.UserId is null && participant.TokenRevokedAt is not null)
        {
            return LinkWithdrawn;
        }

        if (outlook.Due is { } due && (row.RemindersSent ?? []).All(r => r.DaysBefore != due.DaysBefore))
        {
            var mailedInWindow = participant.InvitedAt >= due.WindowStart || participant.RemindedAt >= due.WindowStart;
            if (!mailedInWindow)
            {
                return outlook.DueNow;
            }
        }

        return outlook.Upcoming;
    }

    /// <summary>
    /// <see cref="Describe(ReminderOutlook, ParticipantProgress)"/> as an expression PostgreSQL evaluates, for the grid's
    /// search: the sent reminders from participant_reminders (in the order sent, one scalar subquery per stage), then the same rules as
    /// <see cref="Next"/> as a <c>CASE</c> over the participant's columns and counted state. The outlook's texts are
    /// parameters, so the schedule itself is still worked out only in C#.
    /// </summary>
    internal static Expression<Func<ProgressRow, string>> TextInSql(CityMaturityDb db, ReminderOutlook outlook)
    {
        const int finished = (int)ParticipantProgressState.Complete;
        var sameForEveryone = outlook.SameForEveryone;
        var forEveryone = outlook.ForEveryone;
        var due = outlook.Due is not null;
        var dueStage = outlook.Due?.DaysBefore ?? 0;
        var windowStart = outlook.Due?.WindowStart ?? DateTimeOffset.MinValue;
        var dueNow = outlook.DueNow;
        var upcoming = outlook.Upcoming;

        // "7-day sent 2026-03-01, 2-day sent 2026-03-06": the k-th reminder sent, the date as Day writes it, from the UTC
        // date's parts. The ToString() calls are never run in .NET: EF Core translates them to PostgreSQL's ::text, which
        // has no locale. (string.Join over a subquery is not translated; a participant has at most one reminder per stage,
        // the table's key, so the list is as long as the schedule's stages.)
#pragma warning disable CA1305
        Expression<Func<ProgressRow, int, string?>> sentItem = (r, k) => db.ParticipantReminders
            .Where(x => x.ParticipantId == r.Participant.Id)
            .OrderBy(x => x.SentAt).ThenByDescending(x => x.DaysBefore)
            .Skip(k)
            .Select(x => x.DaysBefore.ToString() + "-day sent "
                + x.SentAt.UtcDateTime.Year.ToString().PadLeft(4, '0') + "-"
                + x.SentAt.UtcDateTime.Month.ToString().PadLeft(2, '0') + "-"
                + x.SentAt.UtcDateTime.Day.ToString().PadLeft(2, '0'))
            .FirstOrDefault();
#pragma warning restore CA1305
        Expression<Func<string?, string>> first = item => item ?? "";
        Expression<Func<string, string?, string>> then = (list, item) => item == null ? list : list + ", " + item;
        var row = Expression.Parameter(typeof(ProgressRow), "r");
        Expression Item(int k) => new ParameterSubstitute(sentItem.Parameters[1], Expression.Constant(k))
            .Visit(new ParameterSubstitute(sentItem.Parameters[0], row).Visit(sentItem.Body));
        var sentBody = new ParameterSubstitute(first.Parameters[0], Item(0)).Visit(first.Body);
        for (var k = 1; k < ReminderSchedule.Stages.Count; k++)
        {
            sentBody = new ParameterSubstitute(then.Parameters[1], Item(k)).Visit(new ParameterSubstitute(then.Parameters[0], sentBody).Visit(then.Body));
        }

        Expression<Func<ProgressRow, string?>> next = r =>
            r.State == finished ? Finished
            : sameForEveryone ? forEveryone
            : r.Participant.UserId == null && r.Participant.InvitedAt == null ? NotInvited
            : r.Participant.UserId == null && r.Participant.TokenRevokedAt != null ? LinkWithdrawn
            : due
              && !db.ParticipantReminders.Any(x => x.ParticipantId == r.Participant.Id && x.DaysBefore == dueStage)
              && !((r.Participant.InvitedAt != null && r.Participant.InvitedAt >= windowStart) || (r.Participant.RemindedAt != null && r.Participant.RemindedAt >= windowStart))
                ? dueNow
                : upcoming;
        Expression<Func<string, string?, string>> joined = (s, n) => s == "" ? (n ?? Nothing) : n == null ? s : s + "; " + n;
        var body = new ParameterSubstitute(joined.Parameters[0], sentBody).Visit(joined.Body);
        body = new ParameterSubstitute(joined.Parameters[1], new ParameterSubstitute(next.Parameters[0], row).Visit(next.Body)).Visit(body);
        return Expression.Lambda<Func<ProgressRow, string>>(body, row);
    }

    internal static string Day(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Puts an expression where a parameter stood (to compose the grid's query from parts).</summary>
internal sealed class ParameterSubstitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
}

/// <summary>
/// What the schedule says for one assessment at one moment, the same for all its participants: a text for everyone
/// (no deadline, reminders off), nothing (closed, or the deadline has passed), or the stage due now and the next one.
/// </summary>
/// <param name="SameForEveryone">Whether <see cref="ForEveryone"/> is every unfinished participant's next reminder.</param>
/// <param name="Due">The stage whose window holds the moment, with the window's start.</param>
/// <param name="Upcoming">"2-day due 2026-03-06": the next stage not yet begun; null when none is left.</param>
public sealed record ReminderOutlook(bool SameForEveryone, string? ForEveryone, (int DaysBefore, DateTimeOffset WindowStart)? Due, string? Upcoming)
{
    /// <summary>"7-day due now", for those the stage due now has not reached yet.</summary>
    public string? DueNow => Due is { } due ? $"{due.DaysBefore}-day due now" : null;

    public static ReminderOutlook Of(Assessment assessment, DateTimeOffset now) =>
        Of(assessment.Deadline, assessment.RemindersEnabled, assessment.Status, now);

    public static ReminderOutlook Of(DateOnly? deadlineDay, bool remindersEnabled, AssessmentStatus status, DateTimeOffset now)
    {
        if (deadlineDay is not { } deadline)
        {
            return new(true, "no deadline: none scheduled", null, null);
        }

        if (!remindersEnabled)
        {
            return new(true, "scheduled reminders are off", null, null);
        }

        // Reminders go out only while the assessment takes answers (Assessment.AcceptsRatings).
        if (status != AssessmentStatus.Open || now >= ReminderSchedule.DeadlineEnds(deadline))
        {
            return new(true, null, null, null);
        }

        var upcoming = ReminderSchedule.NextStage(deadline, now) is { } stage
            ? $"{stage.DaysBefore}-day due {ReminderStatus.Day(stage.DueFrom)}"
            : null;
        return new(false, null, ReminderSchedule.DueStage(deadline, now), upcoming);
    }
}
