using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace CityMaturity.Domain.Assessments;

/// <summary>One record of a CSV file: its fields and the line it starts on, or what makes it unreadable.</summary>
internal sealed record CsvRecord(int Line, List<string> Fields, string? Error = null, string ErrorColumn = "");

/// <summary>
/// The RFC 4180 reading shared by the interchange files (ratings, indicator values), so every import reads quotes,
/// line breaks and faults the same way and names lines alike.
/// </summary>
internal static class CsvRecordReader
{
    /// <summary>The whole stream, or null as soon as it proves larger than <paramref name="maxBytes"/> (the rest is never read).</summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream input, int maxBytes, CancellationToken cancellationToken)
    {
        if (input.CanSeek && input.Length - input.Position > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static CsvProblem TooLarge(int maxBytes) =>
        new(0, string.Empty, $"the file is larger than {DescribeSize(maxBytes)}; split it into smaller files");

    /// <summary>The text of UTF-8 <paramref name="bytes"/> (a BOM dropped), or the problem naming the line where it stops being UTF-8.</summary>
    public static CsvProblem? Decode(ReadOnlySpan<byte> bytes, out string text)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            text = string.Empty;
            return new CsvProblem(LineAt(bytes[..bytesRead]), string.Empty,
                "the text is not valid UTF-8 here; save the file as \"CSV UTF-8\" and import it again");
        }

        text = new string(chars, 0, charsWritten);
        return null;
    }

    private static string DescribeSize(int bytes) =>
        bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    /// <summary>Adds a problem for every way the header differs from <paramref name="columns"/>.</summary>
    public static void CheckHeader(CsvRecord header, IReadOnlyList<string> columns, string fileName, CsvProblemList problems)
    {
        if (header.Error is not null)
        {
            problems.Add(header.Line, header.ErrorColumn, header.Error);
            return;
        }

        var fields = header.Fields;
        if (fields.SequenceEqual(columns, StringComparer.Ordinal))
        {
            return;
        }

        problems.Add(header.Line, string.Empty, $"the header is not right; the first line must be exactly: {string.Join(',', columns)}");
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns.Where(c => !fields.Contains(c, StringComparer.Ordinal)))
        {
            var nearMiss = fields.FirstOrDefault(f => string.Equals(f.Trim(), column, StringComparison.OrdinalIgnoreCase));
            if (nearMiss is not null)
            {
                explained.Add(nearMiss);
                problems.Add(header.Line, column, $"the column is written {Show(nearMiss)}; write it exactly \"{column}\"");
            }
            else
            {
                problems.Add(header.Line, column, "the column is missing");
            }
        }

        foreach (var field in fields.Where(f => !columns.Contains(f, StringComparer.Ordinal) && !explained.Contains(f)))
        {
            problems.Add(header.Line, Shortened(field), $"{Show(field)} is not a column of {fileName}");
        }

        foreach (var repeated in fields.Where(f => columns.Contains(f, StringComparer.Ordinal)).GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(header.Line, repeated.Key, "the column appears more than once");
        }
    }

    /// <summary>The line on which the text after <paramref name="bytes"/> starts (CRLF, LF and a lone CR each end a line).</summary>
    public static int LineAt(ReadOnlySpan<byte> bytes)
    {
        var line = 1;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n')))
            {
                line++;
            }
        }

        return line;
    }

    /// <summary>
    /// A small RFC 4180 reader: fields separated by commas; a field in double quotes may hold commas, line breaks
    /// and doubled quotes; records end at CRLF, LF or a lone CR. Blank lines carry nothing and are skipped.
    /// A quote inside an unquoted field is kept as text, as spreadsheets do.
    /// </summary>
    public static IEnumerable<CsvRecord> Read(string text, IReadOnlyList<string> columns)
    {
        var pos = 0;
        var line = 1;
        var field = new StringBuilder();
        while (pos < text.Length)
        {
            var blank = LineBreakAt(text, pos);
            if (blank > 0)
            {
                pos += blank;
                line++;
                continue;
            }

            var record = new CsvRecord(line, []);
            while (true)
            {
                field.Clear();
                if (pos < text.Length && text[pos] == '"')
                {
                    var fieldLine = line;
                    var closed = false;
                    pos++;
                    while (pos < text.Length)
                    {
                        if (text[pos] == '"')
                        {
                            if (pos + 1 < text.Length && text[pos + 1] == '"')
                            {
                                field.Append('"');
                                pos += 2;
                                continue;
                            }

                            pos++;
                            closed = true;
                            break;
                        }

                        var lineBreak = LineBreakAt(text, pos);
                        if (lineBreak > 0)
                        {
                            field.Append(text, pos, lineBreak);
                            pos += lineBreak;
                            line++;
                            continue;
                        }

                        field.Append(text[pos]);
                        pos++;
                    }

                    if (!closed)
                    {
                        yield return record with
                        {
                            Line = fieldLine,
                            Error = "a quoted field starts on this line but its closing quote is missing",
                            ErrorColumn = ColumnName(columns, record.Fields.Count),
                        };
                        yield break;
                    }

                    if (pos < text.Length && text[pos] != ',' && LineBreakAt(text, pos) == 0)
                    {
                        record = record with
                        {
                            Error = "unexpected text after a closing quote; write a quote inside a quoted field as two quotes (\"\")",
                            ErrorColumn = ColumnName(columns, record.Fields.Count),
                        };
                        while (pos < text.Length && text[pos] is not ('\r' or '\n'))
                        {
                            pos++;
                        }
                    }
                }
                else
                {
                    var end = text.AsSpan(pos).IndexOfAny(",\r\n");
                    var length = end < 0 ? text.Length - pos : end;
                    field.Append(text, pos, length);
                    pos += length;
                }

                record.Fields.Add(field.ToString());
                if (pos < text.Length && text[pos] == ',')
                {
                    pos++;
                    continue;
                }

                // A record ends at a line break or at the end of the file: either way, a next one starts on the next line.
                pos += LineBreakAt(text, pos);
                line++;
                break;
            }

            yield return record;
        }
    }

    private static string ColumnName(IReadOnlyList<string> columns, int index) => index < columns.Count ? columns[index] : string.Empty;

    /// <summary>The length of the line break at <paramref name="pos"/>: 2 for CRLF, 1 for LF or CR, 0 for none.</summary>
    private static int LineBreakAt(string text, int pos) =>
        pos >= text.Length ? 0
        : text[pos] == '\n' ? 1
        : text[pos] != '\r' ? 0
        : pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;

    /// <summary>A value quoted for a message, shortened when long.</summary>
    public static string Show(string value) => $"\"{Shortened(value)}\"";

    public static string Shortened(string value) => value.Length <= 60 ? value : $"{value[..57]}…";
}
