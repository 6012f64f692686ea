using System.Globalization;
using System.Text;

namespace CityMaturity.Domain.Plans;

/// <summary>What the calendar needs of one action besides the action itself.</summary>
/// <param name="Owner">The owner as a reader sees them (a member's name or the typed-in owner).</param>
/// <param name="CharacteristicTitle">"1.2 Title" of the characteristic the action is on.</param>
public sealed record CalendarEntry(ImprovementAction Action, string Owner, string CharacteristicTitle);

/// <summary>
/// An iCalendar file (RFC 5545) of an improvement plan's due dates: one all-day VEVENT per action on its due date.
/// UIDs are the action's id, so a calendar that imports the file again updates the events instead of doubling them;
/// SEQUENCE grows with each change (seconds since the action was created) so the newer copy wins. Text values are
/// escaped (backslash, semicolon, comma, line breaks) and lines are folded at 75 octets without splitting a UTF-8
/// sequence.
/// </summary>
public static class ActionCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaxOctets = 75;

    public static string Write(string calendarName, IEnumerable<CalendarEntry> entries, DateTimeOffset stamp)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//CityMaturity//Improvement plan//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        Line(text, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var (action, owner, characteristic) in entries)
        {
            Line(text, "BEGIN:VEVENT");
            Line(text, $"UID:{action.Id:D}@citymaturity");
            Line(text, "DTSTAMP:" + UtcStamp(stamp));
            Line(text, "DTSTART;VALUE=DATE:" + Date(action.DueDate));
            Line(text, "DTEND;VALUE=DATE:" + Date(action.DueDate.AddDays(1)));
            Line(text, "SEQUENCE:" + Sequence(action).ToString(CultureInfo.InvariantCulture));
            Line(text, "SUMMARY:" + Escape($"Due: {action.Title}"));
            Line(text, "DESCRIPTION:" + Escape(
                $"{characteristic}\nOwner: {owner}\nStatus: {action.Status.DisplayName()}"));
            Line(text, "STATUS:" + (action.Status == ActionStatus.Dropped ? "CANCELLED" : "CONFIRMED"));
            Line(text, "TRANSP:TRANSPARENT");
            Line(text, "END:VEVENT");
        }

        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>TEXT value escaping of RFC 5545 §3.3.11.</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\n", StringComparison.Ordinal)
        .Replace("\r", "\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Folds a content line (RFC 5545 §3.1): at most 75 octets per line, continuation lines begin with one space, and a
    /// fold never falls inside a UTF-8 sequence (nor between the halves of a surrogate pair).
    /// </summary>
    public static string Fold(string line)
    {
        var folded = new StringBuilder();
        var octets = 0;
        var limit = MaxOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                folded.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1; // the leading space counts
            }

            folded.Append(line, i, length);
            octets += size;
            i += length - 1;
        }

        return folded.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(Fold(line)).Append("\r\n");

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string UtcStamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static long Sequence(ImprovementAction action) => Math.Max(0, (long)(action.UpdatedAt - action.CreatedAt).TotalSeconds);
}
