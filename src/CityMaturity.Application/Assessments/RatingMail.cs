using System.Globalization;
using CityMaturity.Domain.Assessments;

namespace CityMaturity.Application.Assessments;

/// <summary>A rating mail's subject and body.</summary>
public sealed record MailText(string Subject, string Body);

/// <summary>
/// The wording of the rating mail: the first invitation explains what is asked; a reminder says it is one, what is
/// left to do and by when. Plain text (the outbox and SMTP send it as such), so names need no encoding here.
/// </summary>
public static class RatingMail
{
    public static MailText Invitation(Assessment assessment, string name, string link) => new(
        $"Your view is asked: {assessment.Name}",
        $"Dear {name},\n\nYou are invited to rate how mature {assessment.Community} is as a smart, sustainable community" +
        $" (ISO/TS 37107), for the assessment “{assessment.Name}”{By(assessment.Deadline)}.\n\n" +
        $"Your personal link (keep it to yourself; it also lets you come back later):\n{link}\n\n" +
        "Every answer is saved as you give it.");

    /// <param name="answered">Answers given so far: each characteristic asks for two (now and in two years).</param>
    /// <param name="total">Answers asked for in all.</param>
    /// <param name="freshLink">True when the link is a new personal link that replaces the earlier one.</param>
    public static MailText Reminder(Assessment assessment, string name, string link, int answered, int total, bool freshLink)
    {
        var deadline = assessment.Deadline is { } d ? $" by {Date(d)}" : string.Empty;
        var subject = assessment.Deadline is { } due
            ? $"Reminder: {total - answered} of {total} answers still open for {assessment.Community}, deadline {Date(due)}"
            : $"Reminder: {total - answered} of {total} answers still open for {assessment.Community}";
        var progress = answered == 0
            ? $"You have not started yet: {total} answers (two for each characteristic, “now” and “in two years”) are asked for."
            : $"You have given {answered} of {total} answers; {total - answered} are still open. Everything you gave is kept.";
        var linkLine = freshLink
            ? $"Your new personal link (it replaces the earlier one; keep it to yourself):\n{link}"
            : $"Go on where you left off, signed in:\n{link}";
        return new(subject,
            $"Dear {name},\n\nThis is a reminder about the assessment “{assessment.Name}” of {assessment.Community}.\n\n" +
            $"{progress}\nPlease finish{deadline}; “don't know” is a fine answer where you are unsure.\n\n{linkLine}");
    }

    private static string By(DateOnly? deadline) => deadline is { } d ? $" by {Date(d)}" : string.Empty;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
