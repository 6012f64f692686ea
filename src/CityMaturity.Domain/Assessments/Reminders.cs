namespace CityMaturity.Domain.Assessments;

/// <summary>A scheduled reminder that went out: at most one per participant and stage (the table's primary key).</summary>
public sealed class ParticipantReminder
{
    public Guid ParticipantId { get; set; }
    public Guid AssessmentId { get; set; }

    /// <summary>The stage: how many days before the deadline it was due (one of <see cref="ReminderSchedule.Stages"/>).</summary>
    public int DaysBefore { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// When the reminders before a deadline are due. The deadline is a date: answers are welcome until that day ends
/// (UTC). Each stage is due from its day until the next stage begins; a stage missed altogether (the app was down for
/// the whole window) is not sent late, so nobody gets two reminders at once.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>Days before the deadline, earliest first.</summary>
    public static readonly IReadOnlyList<int> Stages = [7, 2];

    /// <summary>The moment the deadline day ends (UTC): nothing is sent from then on.</summary>
    public static DateTimeOffset DeadlineEnds(DateOnly deadline) =>
        new(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>When the stage's reminder becomes due.</summary>
    public static DateTimeOffset DueFrom(DateOnly deadline, int daysBefore) => DeadlineEnds(deadline).AddDays(-daysBefore);

    /// <summary>The stage whose window holds <paramref name="now"/>, with the window's start; null before the first and after the deadline.</summary>
    public static (int DaysBefore, DateTimeOffset WindowStart)? DueStage(DateOnly deadline, DateTimeOffset now)
    {
        if (now >= DeadlineEnds(deadline))
        {
            return null;
        }

        (int, DateTimeOffset)? due = null;
        foreach (var stage in Stages)
        {
            var from = DueFrom(deadline, stage);
            if (now >= from)
            {
                due = (stage, from);
            }
        }

        return due;
    }

    /// <summary>The next stage not yet begun at <paramref name="now"/>, with when it is due; null when none is left.</summary>
    public static (int DaysBefore, DateTimeOffset DueFrom)? NextStage(DateOnly deadline, DateTimeOffset now)
    {
        foreach (var stage in Stages)
        {
            var from = DueFrom(deadline, stage);
            if (from > now)
            {
                return (stage, from);
            }
        }

        return null;
    }
}
