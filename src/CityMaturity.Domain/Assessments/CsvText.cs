using CityMaturity.Domain.Assessments;
using System.Globalization;
using System.Text;

namespace CityMaturity.Domain.Assessments;

/// <summary>RFC 4180 CSV lines: invariant numbers, quoted text where needed, formula-like text neutralised.</summary>
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

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>UTF-8 with a byte-order mark, so spreadsheets opening the file by double-click read accents right.</summary>
    public static byte[] Encode(StringBuilder text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
}
