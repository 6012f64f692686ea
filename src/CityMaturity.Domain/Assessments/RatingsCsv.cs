using System.Text;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Assessments;

/// <summary>One row of the Ratings CSV: one participant's rating of one characteristic.</summary>
public sealed record RatingsCsvRow(
    string ParticipantEmail,
    string ParticipantName,
    string StakeholderGroup,
    string CharacteristicCode,
    LevelAnswer LevelNow,
    LevelAnswer LevelInTwoYears,
    string? Comment);

/// <summary>A parsed row and the line of the file it starts on (the header is line 1).</summary>
public sealed record RatingsCsvLine(int Line, RatingsCsvRow Row);

/// <summary>
/// Something wrong with an uploaded file. <see cref="Line"/> 0 means the file as a whole;
/// an empty <see cref="Column"/> means the row as a whole.
/// </summary>
public sealed record CsvProblem(int Line, string Column, string Message)
{
    public override string ToString() =>
        Line <= 0 ? Message
        : Column.Length == 0 ? $"line {Line}: {Message}"
        : $"line {Line}, {Column}: {Message}";
}

/// <summary>Collects problems in the order they are found and keeps the first <see cref="Limit"/>: a longer list helps nobody.</summary>
public sealed class CsvProblemList
{
    public const int Limit = 100;
    private readonly List<CsvProblem> _kept = [];

    public int Count { get; private set; }

    public void Add(int line, string column, string message)
    {
        Count++;
        if (_kept.Count < Limit)
        {
            _kept.Add(new CsvProblem(line, column, message));
        }
    }

    /// <summary>The kept problems, followed by one "and N more" entry when some were left out.</summary>
    public IReadOnlyList<CsvProblem> ToList() =>
        Count <= Limit
            ? [.. _kept]
            : [.. _kept, new CsvProblem(0, string.Empty, $"and {Counted.Of(Count - Limit, "more problem")} not listed; correct the ones above and import again")];
}

/// <summary>Either the rows of a good file, or what is wrong with a bad one (never both).</summary>
public sealed record RatingsCsvParseResult(IReadOnlyList<RatingsCsvLine> Rows, IReadOnlyList<CsvProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The Ratings CSV of docs/methodology.md ("Interchange formats"): UTF-8 (a BOM is allowed), RFC 4180 quoting,
/// CRLF or LF, the header <see cref="Header"/>, one row per participant and characteristic.
/// Parsing checks everything that can be checked without the database and reports every problem with its line
/// and column; checks against an assessment (groups, scope, existing participants) belong to the importer.
/// </summary>
public static class RatingsCsv
{
    public const int DefaultMaxBytes = 5 * 1024 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxGroupLength = 100;
    public const int MaxCommentLength = 2000;
    public const int MaxEmailLength = EmailAddresses.MaxLength;

    public static IReadOnlyList<string> Columns { get; } =
        ["participant_email", "participant_name", "stakeholder_group", "characteristic", "level_now", "level_in_two_years", "comment"];

    public static string Header { get; } = string.Join(',', Columns);

    /// <summary>UTF-8 with a BOM, so that spreadsheets recognise the encoding of an exported file.</summary>
    public static Encoding FileEncoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static RatingsCsvParseResult Parse(byte[] input, MaturityCatalogue catalogue, int maxBytes = DefaultMaxBytes) =>
        input.Length > maxBytes ? TooLarge(maxBytes) : ParseBytes(input, catalogue);

    /// <summary>Reads at most <paramref name="maxBytes"/> (a larger input is refused without reading the rest), then parses.</summary>
    public static async Task<RatingsCsvParseResult> ParseAsync(Stream input, MaturityCatalogue catalogue, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        var bytes = await CsvRecordReader.ReadAtMostAsync(input, maxBytes, cancellationToken);
        return bytes is null ? TooLarge(maxBytes) : ParseBytes(bytes, catalogue);
    }

    /// <summary>Writes the header and the rows (CRLF line ends, RFC 4180 quoting where needed).</summary>
    /// <remarks>
    /// Spreadsheet formula injection (OWASP "CSV Injection") is neutralised in every text field — email, name,
    /// group, characteristic and comment: a value that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab
    /// or a carriage return is written with a leading apostrophe, so a spreadsheet shows it as text instead of
    /// evaluating it. The level columns hold only 1–5, DK or nothing and are never changed. To keep an export →
    /// import round trip exact, a value that already starts with apostrophes followed by one of those characters
    /// gets one more apostrophe, and <see cref="Parse"/> removes exactly one apostrophe from such a field.
    /// </remarks>
    public static void Write(TextWriter writer, IEnumerable<RatingsCsvRow> rows) =>
        CsvRecordWriter.Write(writer, Header, rows.Select(FormatRow));

    /// <summary>As <see cref="Write"/>, for writers that must not block (an HTTP response).</summary>
    public static Task WriteAsync(TextWriter writer, IEnumerable<RatingsCsvRow> rows, CancellationToken cancellationToken = default) =>
        CsvRecordWriter.WriteAsync(writer, Header, rows.Select(FormatRow), cancellationToken);

    private static string FormatRow(RatingsCsvRow row) =>
        string.Join(',',
            Text(row.ParticipantEmail), Text(row.ParticipantName), Text(row.StakeholderGroup), Text(row.CharacteristicCode),
            row.LevelNow.Code, row.LevelInTwoYears.Code, Text(row.Comment ?? string.Empty));

    private static string Text(string value) => CsvText.Cell(value);

    private static RatingsCsvParseResult TooLarge(int maxBytes) => Failed(CsvRecordReader.TooLarge(maxBytes));

    private static RatingsCsvParseResult Failed(params CsvProblem[] problems) => new([], problems);

    private static RatingsCsvParseResult ParseBytes(ReadOnlySpan<byte> bytes, MaturityCatalogue catalogue) =>
        CsvRecordReader.Decode(bytes, out var text) is { } problem ? Failed(problem) : ParseText(text, catalogue);

    private static RatingsCsvParseResult ParseText(string text, MaturityCatalogue catalogue)
    {
        var problems = new CsvProblemList();
        using var records = CsvRecordReader.Read(text, Columns).GetEnumerator();
        if (!records.MoveNext())
        {
            return Failed(new CsvProblem(1, string.Empty, $"the file is empty; the first line must be: {Header}"));
        }

        CsvRecordReader.CheckHeader(records.Current, Columns, "the ratings file", problems);
        if (problems.Count > 0)
        {
            return new([], problems.ToList());
        }

        var rows = new List<RatingsCsvLine>();
        var firstRowOfParticipant = new Dictionary<string, RatingsCsvLine>(StringComparer.OrdinalIgnoreCase);
        var lineOfRating = new Dictionary<(string Email, string Code), int>();
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
                // Spreadsheets save rows that were once touched as ",,,,,,": like blank lines, they carry nothing.
                continue;
            }

            var row = ReadRow(record, catalogue, problems);
            if (row is null)
            {
                continue;
            }

            var line = new RatingsCsvLine(record.Line, row);
            var emailKey = row.ParticipantEmail.ToUpperInvariant();
            if (lineOfRating.TryGetValue((emailKey, row.CharacteristicCode), out var earlier))
            {
                problems.Add(record.Line, "characteristic",
                    $"{row.ParticipantEmail} rates {row.CharacteristicCode} again (also on line {earlier}); keep one row per participant and characteristic");
            }
            else
            {
                lineOfRating.Add((emailKey, row.CharacteristicCode), record.Line);
            }

            if (firstRowOfParticipant.TryGetValue(row.ParticipantEmail, out var first))
            {
                if (!string.Equals(first.Row.ParticipantName, row.ParticipantName, StringComparison.Ordinal))
                {
                    problems.Add(record.Line, "participant_name",
                        $"{Show(row.ParticipantName)} differs from {Show(first.Row.ParticipantName)} on line {first.Line} for {row.ParticipantEmail}; a participant has one name");
                }

                if (!string.Equals(first.Row.StakeholderGroup, row.StakeholderGroup, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(record.Line, "stakeholder_group",
                        $"{Show(row.StakeholderGroup)} differs from {Show(first.Row.StakeholderGroup)} on line {first.Line} for {row.ParticipantEmail}; a participant belongs to one group");
                }
            }
            else
            {
                firstRowOfParticipant.Add(row.ParticipantEmail, line);
            }

            rows.Add(line);
        }

        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(2, string.Empty, "the file has a header but no rows");
        }

        return problems.Count == 0 ? new(rows, []) : new([], problems.ToList());
    }

    /// <summary>The row's values, or null after adding its problems.</summary>
    private static RatingsCsvRow? ReadRow(CsvRecord record, MaturityCatalogue catalogue, CsvProblemList problems)
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
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Contains('\0', StringComparison.Ordinal))
            {
                problems.Add(line, Columns[i], "contains a NUL character, which cannot be stored");
            }
        }

        var email = SpreadsheetText.Restore(fields[0].Trim());
        if (email.Length == 0)
        {
            problems.Add(line, "participant_email", "the email address is missing");
        }
        else if (!IsEmailAddress(email))
        {
            problems.Add(line, "participant_email", $"{Show(email)} is not a valid email address");
        }

        var name = RequiredText(PersonNames.Clean(fields[1]), "participant_name", "the participant's name", MaxNameLength, line, problems);
        var group = RequiredText(fields[2], "stakeholder_group", "the stakeholder group", MaxGroupLength, line, problems);

        var code = SpreadsheetText.Restore(fields[3].Trim());
        if (code.Length == 0)
        {
            problems.Add(line, "characteristic", "the characteristic code is missing");
        }
        else if (!catalogue.TryGetCharacteristic(code, out _))
        {
            problems.Add(line, "characteristic", $"{Show(code)} is not a characteristic code of ISO/TS 37107 (codes look like 2.3.1 or 4.5)");
        }

        var levelNow = Level(fields[4], "level_now", line, problems);
        var levelInTwoYears = Level(fields[5], "level_in_two_years", line, problems);

        var comment = SpreadsheetText.Restore(fields[6]);
        var commentLength = CharacterCount(comment);
        if (commentLength > MaxCommentLength)
        {
            problems.Add(line, "comment", $"the comment has {commentLength} characters; the limit is {MaxCommentLength}");
        }

        return problems.Count > before
            ? null
            : new RatingsCsvRow(email, name, group, code, levelNow, levelInTwoYears, comment.Length == 0 ? null : comment);
    }

    private static string RequiredText(string field, string column, string what, int maxLength, int line, CsvProblemList problems)
    {
        var value = SpreadsheetText.Restore(field.Trim());
        var length = CharacterCount(value);
        if (length == 0)
        {
            problems.Add(line, column, $"{what} is missing");
        }
        else if (length > maxLength)
        {
            problems.Add(line, column, $"{what} has {length} characters; the limit is {maxLength}");
        }

        return value;
    }

    private static LevelAnswer Level(string field, string column, int line, CsvProblemList problems)
    {
        if (LevelAnswer.TryParse(field, out var answer))
        {
            return answer;
        }

        problems.Add(line, column, $"{Show(field.Trim())} is not a level (use 1–5, DK, or leave empty)");
        return answer;
    }

    /// <summary>The same rule as invitations use (<see cref="EmailAddresses"/>).</summary>
    private static bool IsEmailAddress(string text) => EmailAddresses.IsValid(text);

    /// <summary>Characters as PostgreSQL's length() counts them (code points, not UTF-16 units).</summary>
    private static int CharacterCount(string text) => text.EnumerateRunes().Count();

    private static string Show(string value) => CsvRecordReader.Show(value);
}
