using System.Text;
using CityMaturity.Domain.Plans;

namespace CityMaturity.Domain.Tests.Plans;

/// <summary>The iCalendar file of due dates, parsed back by the rules of RFC 5545 (unfold, split, unescape).</summary>
public sealed class ActionCalendarTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static ImprovementAction Action(string title, DateOnly due, ActionStatus status = ActionStatus.Planned) => new()
    {
        Id = Guid.NewGuid(), CharacteristicCode = "1.1.1", Title = title, OwnerName = "Office", DueDate = due, Status = status,
        CreatedAt = Stamp.AddDays(-10), UpdatedAt = Stamp.AddDays(-10).AddSeconds(42),
    };

    /// <summary>Unfolds (CRLF followed by a space), then gives each event's properties, unescaped.</summary>
    private static List<Dictionary<string, string>> Events(string calendar)
    {
        Assert.DoesNotContain("\n", calendar.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = calendar.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(("BEGIN:VCALENDAR", "END:VCALENDAR"), (lines[0], lines[^1]));
        var events = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT")
            {
                current = [];
            }
            else if (line == "END:VEVENT")
            {
                events.Add(current!);
                current = null;
            }
            else if (current is not null)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                current[line[..colon]] = Unescape(line[(colon + 1)..]);
            }
        }

        return events;
    }

    private static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }

    [Fact]
    public void Each_action_is_one_all_day_event_on_its_due_date_with_a_stable_uid()
    {
        var first = Action("Open data, phase 1; \"pilot\" \\ part", new DateOnly(2027, 3, 31));
        var second = Action("Dropped idea", new DateOnly(2027, 12, 31), ActionStatus.Dropped);

        var calendar = ActionCalendar.Write("Demoville plan", [new(first, "Office", "1.1.1 Vision"), new(second, "Office", "1.1.1 Vision")], Stamp);
        var again = ActionCalendar.Write("Demoville plan", [new(first, "Office", "1.1.1 Vision")], Stamp.AddDays(1));

        var events = Events(calendar);
        Assert.Equal(2, events.Count);
        Assert.Equal($"{first.Id:D}@citymaturity", events[0]["UID"]);
        Assert.Equal(events[0]["UID"], Events(again)[0]["UID"]);
        Assert.Equal(("20270331", "20270401"), (events[0]["DTSTART;VALUE=DATE"], events[0]["DTEND;VALUE=DATE"]));
        Assert.Equal("Due: Open data, phase 1; \"pilot\" \\ part", events[0]["SUMMARY"]);
        Assert.Equal("1.1.1 Vision\nOwner: Office\nStatus: Planned", events[0]["DESCRIPTION"]);
        Assert.Equal("20261201T060000Z", events[0]["DTSTAMP"]);
        Assert.Equal("42", events[0]["SEQUENCE"]);
        Assert.Equal(("CONFIRMED", "CANCELLED"), (events[0]["STATUS"], events[1]["STATUS"]));
    }

    [Fact]
    public void Escaping_covers_backslash_semicolon_comma_and_line_breaks()
    {
        Assert.Equal("a\\\\b\\;c\\,d\\ne\\nf", ActionCalendar.Escape("a\\b;c,d\r\ne\nf"));
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var line = "SUMMARY:" + string.Concat(Enumerable.Repeat("Ünïcödé 🌆 ", 30));

        var folded = ActionCalendar.Fold(line);

        var parts = folded.Split("\r\n");
        Assert.True(parts.Length > 3);
        Assert.All(parts, part => Assert.True(Encoding.UTF8.GetByteCount(part) <= 75, $"{Encoding.UTF8.GetByteCount(part)} octets: {part}"));
        Assert.All(parts.Skip(1), part => Assert.StartsWith(" ", part, StringComparison.Ordinal));
        Assert.All(parts, part => Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(part))));
        Assert.Equal(line, folded.Replace("\r\n ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void An_open_action_is_overdue_only_after_its_due_day()
    {
        var action = Action("x", new DateOnly(2026, 5, 1));

        Assert.False(action.IsOverdueOn(new DateOnly(2026, 5, 1)));
        Assert.True(action.IsOverdueOn(new DateOnly(2026, 5, 2)));
        action.Status = ActionStatus.Done;
        Assert.False(action.IsOverdueOn(new DateOnly(2026, 5, 2)));
    }
}
