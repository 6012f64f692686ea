namespace CityMaturity.Domain.Assessments;

/// <summary>
/// Writes a CSV file of ours: the header, then one already formatted record per line, every line ending in CRLF
/// (RFC 4180). The files' own classes format and quote their fields; this only puts the lines out.
/// </summary>
public static class CsvRecordWriter
{
    private const string LineEnd = "\r\n";

    public static void Write(TextWriter writer, string header, IEnumerable<string> records)
    {
        writer.Write(header + LineEnd);
        foreach (var record in records)
        {
            writer.Write(record + LineEnd);
        }
    }

    /// <summary>As <see cref="Write"/>, for writers that must not block (an HTTP response).</summary>
    public static async Task WriteAsync(TextWriter writer, string header, IEnumerable<string> records, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync((header + LineEnd).AsMemory(), cancellationToken);
        foreach (var record in records)
        {
            await writer.WriteAsync((record + LineEnd).AsMemory(), cancellationToken);
        }
    }
}
