using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CityMaturity.Domain.Audits;

/// <summary>
/// The one way audit entries and attestations are turned into bytes to hash or sign: UTF-8 JSON, no whitespace,
/// properties in the order the writer gives them, every non-ASCII character escaped (\uXXXX) so the bytes survive
/// copying and pasting. The same values always give the same bytes.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.Default, SkipValidation = false };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>Timestamps at millisecond precision in UTC: what PostgreSQL keeps exactly, so a re-read hashes alike.</summary>
    public static string Timestamp(DateTimeOffset at) => Truncate(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
