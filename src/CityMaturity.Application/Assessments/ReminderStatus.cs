using System.Globalization;
using CityMaturity.Domain.Assessments;

namespace CityMaturity.Application.Assessments;

/// <summary>What the facilitator's table says about one participant's scheduled reminders: sent, next due, or why none.</summary>
public static class ReminderStatus
{
    public static string Describe(Assessment assessment, ParticipantProgress row, DateTimeOffset now)
    {
        var sent = string.Join(", ", (row.RemindersSent ?? []).Select(r => $"{r.DaysBefore}-day sent {Day(r.SentAt)}"));
        var next = Next(assessment, row, now);
        return (sent.Length, next) switch
        {
            (0, null) => "None",
            (0, _) => next,
            (_, null) => sent,
            _ => $"{sent}; {next}",
        };
    }

    /// <summary>The next reminder this participant would get, or why none will come; null when there is nothing to say.</summary>
    private static string? Next(Assessment assessment, ParticipantProgress row, DateTimeOffset now)
    {
        if (row.State == ParticipantProgressState.Complete)
        {
            return "finished: no more";
        }

        if (assessment.Deadline is not { } deadline)
        {
            return "no deadline: none scheduled";
        }

        if (!assessment.RemindersEnabled)
        {
            return "scheduled reminders are off";
        }

        if (!assessment.AcceptsRatings || now >= ReminderSchedule.DeadlineEnds(deadline))
        {
            return null;
        }

        var participant = row.Participant;
        if (participant.UserId is null && participant.InvitedAt is null)
        {
            return "none until invited";
        }

        if (participant.UserId is null && participant.TokenRevokedAt is not null)
        {
            return "link withdrawn: none";
        }

        var sentStages = (row.RemindersSent ?? []).Select(r => r.DaysBefore).ToHashSet();
        if (ReminderSchedule.DueStage(deadline, now) is { } due && !sentStages.Contains(due.DaysBefore))
        {
            var mailedInWindow = participant.InvitedAt >= due.WindowStart || participant.RemindedAt >= due.WindowStart;
            if (!mailedInWindow)
            {
                return $"{due.DaysBefore}-day due now";
            }
        }

        return ReminderSchedule.NextStage(deadline, now) is { } stage ? $"{stage.DaysBefore}-day due {Day(stage.DueFrom)}" : null;
    }

    private static string Day(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
