namespace CityMaturity.Domain.Assessments;

/// <summary>
/// The one rule for text that leaves CityMaturity for a spreadsheet (CSV, XLSX): text a spreadsheet would run as
/// a formula — starting with = + - @, tab or carriage return, possibly after apostrophes — gets one leading
/// apostrophe (OWASP's CSV injection advice). <see cref="Restore"/> takes exactly that apostrophe off again, so a
/// ratings file exported and imported back is unchanged, even for text that already began with apostrophes.
/// </summary>
public static class SpreadsheetText
{
    private const string FormulaStarts = "=+-@\t\r";

    public static string Neutralise(string text) => StartsLikeAFormula(text) ? "'" + text : text;

    public static string Restore(string text) =>
        text.StartsWith('\'') && StartsLikeAFormula(text[1..]) ? text[1..] : text;

    private static bool StartsLikeAFormula(string text)
    {
        var rest = text.AsSpan().TrimStart('\'');
        return rest.Length > 0 && FormulaStarts.Contains(rest[0]);
    }
}
