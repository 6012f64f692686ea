using System.Globalization;

namespace CityMaturity.Web.Components.Shared;

/// <summary>A date as a browser's date input writes it (yyyy-MM-dd): a MudTextField with InputType.Date binds to this text.</summary>
public static class DateText
{
    public static string? Of(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The date, or null for an empty or unreadable text.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
