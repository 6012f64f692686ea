using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Tests.Assessments;

public sealed class ReminderScheduleTests
{
    private static readonly DateOnly Deadline = new(2027, 3, 10);

    private static DateTimeOffset At(int day, int hour = 0) => new(2027, 3, day, hour, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 23, null)]  // before the seven-day stage
    [InlineData(4, 0, 7)]      // the deadline day ends 11 March 00:00; seven days before
    [InlineData(8, 23, 7)]
    [InlineData(9, 0, 2)]      // two days before
    [InlineData(10, 23, 2)]    // the deadline day itself still counts
    public void The_due_stage_follows_the_end_of_the_deadline_day(int day, int hour, int? expected) =>
        Assert.Equal(expected, ReminderSchedule.DueStage(Deadline, At(day, hour))?.DaysBefore);

    [Fact]
    public void Nothing_is_due_once_the_deadline_day_has_ended()
    {
        Assert.Null(ReminderSchedule.DueStage(Deadline, At(11)));
        Assert.Null(ReminderSchedule.NextStage(Deadline, At(11)));
    }

    [Fact]
    public void The_window_of_a_stage_starts_when_it_becomes_due_and_the_next_stage_is_named()
    {
        Assert.Equal(At(4), ReminderSchedule.DueStage(Deadline, At(6))!.Value.WindowStart);
        Assert.Equal((2, At(9)), ReminderSchedule.NextStage(Deadline, At(6)));
        Assert.Equal((7, At(4)), ReminderSchedule.NextStage(Deadline, At(1)));
        Assert.Null(ReminderSchedule.NextStage(Deadline, At(9)));
    }
}
