using System.Globalization;
using System.Text;
using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Indicators;

/// <summary>One row of the indicator values CSV: an organisation's figure for one indicator in one year.</summary>
public sealed record IndicatorValuesCsvRow(
    string IndicatorCode,
    int Year,
    decimal Value,
    string Unit,
    decimal? Numerator,
    decimal? Denominator,
    string? Source,
    string? Note);

/// <summary>A parsed row and the line of the file it starts on (the header is line 1).</summary>
public sealed record IndicatorValuesCsvLine(int Line, IndicatorValuesCsvRow Row);

/// <summary>Either the rows of a good file, or what is wrong with a bad one (never both).</summary>
public sealed record IndicatorValuesCsvParseResult(IReadOnlyList<IndicatorValuesCsvLine> Rows, IReadOnlyList<CsvProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The indicator values CSV of docs/evidence.md: UTF-8 (a BOM is allowed), RFC 4180 quoting, CRLF or LF, the header
/// <see cref="Header"/>, one row per indicator and year, numbers with a decimal point and no thousands separators.
/// Parsing checks everything that needs no database — known code, plausible year, value against the indicator's type,
/// unit, numerator and denominator, one row per indicator and year — and lists every problem with line and column.
/// The reading itself is the ratings file's (<see cref="CsvRecordReader"/>), so both imports treat bad files alike.
/// </summary>
public static class IndicatorValuesCsv
{
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    public static IReadOnlyList<string> Columns { get; } =
        ["indicator_code", "year", "value", "unit", "numerator", "denominator", "source", "note"];

    public static string Header { get; } = string.Join(',', Columns);

    /// <summary>UTF-8 with a BOM, so that spreadsheets recognise the encoding of an exported file.</summary>
    public static Encoding FileEncoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static IndicatorValuesCsvParseResult Parse(byte[] input, IndicatorLibrary library, int currentYear, int maxBytes = DefaultMaxBytes) =>
        input.Length > maxBytes ? TooLarge(maxBytes) : ParseBytes(input, library, currentYear);

    /// <summary>Reads at most <paramref name="maxBytes"/> (a larger input is refused without reading the rest), then parses.</summary>
    public static async Task<IndicatorValuesCsvParseResult> ParseAsync(
        Stream input, IndicatorLibrary library, int currentYear, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        var bytes = await CsvRecordReader.ReadAtMostAsync(input, maxBytes, cancellationToken);
        return bytes is null ? TooLarge(maxBytes) : ParseBytes(bytes, library, currentYear);
    }

    /// <summary>Writes the header and the rows (CRLF line ends, RFC 4180 quoting where needed).</summary>
    /// <remarks>
    /// Text fields (code, unit, source, note) go through <see cref="SpreadsheetText.Neutralise"/>: text a spreadsheet
    /// would run as a formula gets a leading apostrophe, which <see cref="Parse"/> takes off again, so an export
    /// imports back unchanged. Numbers are written by us in invariant form and are never formulas.
    /// </remarks>
    public static void Write(TextWriter writer, IEnumerable<IndicatorValuesCsvRow> rows) =>
        CsvRecordWriter.Write(writer, Header, rows.Select(FormatRow));

    /// <summary>As <see cref="Write"/>, for writers that must not block (an HTTP response).</summary>
    public static Task WriteAsync(TextWriter writer, IEnumerable<IndicatorValuesCsvRow> rows, CancellationToken cancellationToken = default) =>
        CsvRecordWriter.WriteAsync(writer, Header, rows.Select(FormatRow), cancellationToken);

    private static string FormatRow(IndicatorValuesCsvRow row) =>
        string.Join(',',
            Text(row.IndicatorCode), row.Year.ToString(CultureInfo.InvariantCulture), Number(row.Value), Text(row.Unit),
            Number(row.Numerator), Number(row.Denominator), Text(row.Source ?? string.Empty), Text(row.Note ?? string.Empty));

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Text(string value) => CsvText.Cell(value);

    private static IndicatorValuesCsvParseResult TooLarge(int maxBytes) => Failed(CsvRecordReader.TooLarge(maxBytes));

    private static IndicatorValuesCsvParseResult Failed(params CsvProblem[] problems) => new([], problems);

    private static IndicatorValuesCsvParseResult ParseBytes(ReadOnlySpan<byte> bytes, IndicatorLibrary library, int currentYear) =>
        CsvRecordReader.Decode(bytes, out var text) is { } problem ? Failed(problem) : ParseText(text, library, currentYear);

    private static IndicatorValuesCsvParseResult ParseText(string text, IndicatorLibrary library, int currentYear)
    {
        var problems = new CsvProblemList();
        using var records = CsvRecordReader.Read(text, Columns).GetEnumerator();
        if (!records.MoveNext())
        {
            return Failed(new CsvProblem(1, string.Empty, $"the file is empty; the first line must be: {Header}"));
        }

        CsvRecordReader.CheckHeader(records.Current, Columns, "the indicator values file", problems);
        if (problems.Count > 0)
        {
            return new([], problems.ToList());
        }

        var rows = new List<IndicatorValuesCsvLine>();
        var lineOfValue = new Dictionary<(string Code, int Year), int>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is not null)
            {
                problems.Add(record.Line, record.ErrorColumn, record.Error);
                continue;
            }

            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                // Spreadsheets save rows that were once touched as ",,,,,,,": like blank lines, they carry nothing.
                continue;
            }

            if (ReadRow(record, library, currentYear, problems) is not { } row)
            {
                continue;
            }

            if (lineOfValue.TryGetValue((row.IndicatorCode, row.Year), out var earlier))
            {
                problems.Add(record.Line, "year",
                    string.Create(CultureInfo.InvariantCulture, $"{row.IndicatorCode} has a value for {row.Year} already on line {earlier}; keep one row per indicator and year"));
                continue;
            }

            lineOfValue.Add((row.IndicatorCode, row.Year), record.Line);
            rows.Add(new IndicatorValuesCsvLine(record.Line, row));
        }

        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(2, string.Empty, "the file has a header but no rows");
        }

        return problems.Count == 0 ? new(rows, []) : new([], problems.ToList());
    }

    /// <summary>The row's values, or null after adding its problems.</summary>
    private static IndicatorValuesCsvRow? ReadRow(CsvRecord record, IndicatorLibrary library, int currentYear, CsvProblemList problems)
    {
        var line = record.Line;
        var fields = record.Fields;
        if (fields.Count != Columns.Count)
        {
            problems.Add(line, string.Empty,
                $"the row has {fields.Count} fields, expected {Columns.Count}; text that contains a comma must be in double quotes");
            return null;
        }

        var before = problems.Count;
        var code = SpreadsheetText.Restore(fields[0].Trim());
        var indicator = code.Length == 0 ? null : library.Find(code);
        if (code.Length == 0)
        {
            problems.Add(line, "indicator_code", "the indicator code is missing");
        }
        else if (indicator is null)
        {
            problems.Add(line, "indicator_code", $"{CsvRecordReader.Show(code)} is not the code of an indicator in any framework of this installation (see /indicators)");
        }

        int year = 0;
        if (!int.TryParse(fields[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            problems.Add(line, "year", $"{CsvRecordReader.Show(fields[1].Trim())} is not a year; write four digits, e.g. 2024");
        }
        else if (IndicatorValueRules.CheckYear(year, currentYear) is { } yearProblem)
        {
            problems.Add(line, "year", yearProblem.Message);
        }

        var value = RequiredNumber(fields[2], indicator, line, problems);
        var numerator = OptionalNumber(fields[4], "numerator", line, problems);
        var denominator = OptionalNumber(fields[5], "denominator", line, problems);
        var unit = SpreadsheetText.Restore(fields[3].Trim());
        var source = SpreadsheetText.Restore(fields[6]);
        var note = SpreadsheetText.Restore(fields[7]);
        if (problems.Count > before || indicator is null || value is null)
        {
            // Field-level faults first: checking the value's type against a value we could not read would only repeat them.
            return null;
        }

        var entry = new IndicatorEntry(value.Value, unit, numerator, denominator, source, note, IndicatorValueStatus.Draft);
        foreach (var problem in IndicatorValueRules.Check(indicator, entry))
        {
            problems.Add(line, problem.Field, problem.Message);
        }

        return problems.Count > before
            ? null
            : new IndicatorValuesCsvRow(indicator.Code, year, value.Value, IndicatorValueRules.StoredUnit(indicator, unit), numerator, denominator,
                string.IsNullOrWhiteSpace(source) ? null : source.Trim(), string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }

    private static decimal? RequiredNumber(string field, Indicator? indicator, int line, CsvProblemList problems)
    {
        var text = field.Trim();
        if (text.Length == 0)
        {
            problems.Add(line, "value", "the value is missing; a row carries a value (leave the indicator out instead)");
            return null;
        }

        if (indicator?.ValueType is IndicatorValueType.YesNo && YesNo(text) is { } yesNo)
        {
            return yesNo;
        }

        return ParseNumber(text, "value", line, problems);
    }

    private static decimal? OptionalNumber(string field, string column, int line, CsvProblemList problems)
    {
        var text = field.Trim();
        return text.Length == 0 ? null : ParseNumber(text, column, line, problems);
    }

    private static decimal? ParseNumber(string text, string column, int line, CsvProblemList problems)
    {
        var restored = SpreadsheetText.Restore(text);
        if (decimal.TryParse(restored, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var hint = restored.Contains(',', StringComparison.Ordinal)
            ? "; use a point for decimals and no thousands separators, e.g. 1234.5"
            : "; write a number such as 42 or 12.5";
        problems.Add(line, column, $"{CsvRecordReader.Show(restored)} is not a number{hint}");
        return null;
    }

    private static decimal? YesNo(string text) => text.ToUpperInvariant() switch
    {
        "YES" or "Y" or "TRUE" => 1,
        "NO" or "N" or "FALSE" => 0,
        _ => null,
    };
}
