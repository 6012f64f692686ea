using System.Globalization;
using System.Text;

namespace CityMaturity.Domain.Assessments;

/// <summary>
/// RFC 4180 CSV lines: invariant numbers, quoted text where needed, formula-like text neutralised. The one place a CSV
/// field is quoted: the ratings file (<see cref="RatingsCsv"/>), the summary and the rating history all write through it.
/// </summary>
public static class CsvText
{
    public static string Line(IEnumerable<object?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    public static string Cell(object? value) => value switch
    {
        null => string.Empty,
        string text => Quote(SpreadsheetText.Neutralise(text)),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(SpreadsheetText.Neutralise(value.ToString() ?? string.Empty)),
    };

    /// <summary>The field as it is when it holds no comma, quote or line break; otherwise in quotes, inner quotes doubled.</summary>
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>UTF-8 with a byte-order mark, so spreadsheets opening the file by double-click read accents right.</summary>
    public static byte[] Encode(StringBuilder text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
}
