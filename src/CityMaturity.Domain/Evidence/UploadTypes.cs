using System.Text;

namespace CityMaturity.Domain.Evidence;

/// <summary>A type the app accepts for a document: the content type it is served with and its usual extensions.</summary>
public sealed record UploadType(string Name, string ContentType, IReadOnlyList<string> Extensions)
{
    public string Extension => Extensions[0];
}

/// <summary>The answer of <see cref="UploadTypes.Detect"/>: the type, or why the content is refused.</summary>
public abstract record UploadCheck
{
    public sealed record Accepted(UploadType Type) : UploadCheck;

    public sealed record Refused(string Message) : UploadCheck;
}

/// <summary>
/// Decides a document's type from its bytes, never from its name or the browser's claim: PDF, PNG, JPEG, WebP, GIF,
/// the zip-based office formats by their inner markers (OOXML part names, the ODF mimetype entry), and the legacy
/// Word/Excel compound files by their stream names. Everything else is refused, and markup (HTML, SVG, XML) is refused
/// with its own message: it is the one kind of file that could run script if a browser ever rendered it.
/// </summary>
public static class UploadTypes
{
    public static readonly UploadType Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly UploadType Png = new("PNG image", "image/png", [".png"]);
    public static readonly UploadType Jpeg = new("JPEG image", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly UploadType WebP = new("WebP image", "image/webp", [".webp"]);
    public static readonly UploadType Gif = new("GIF image", "image/gif", [".gif"]);
    public static readonly UploadType Docx = new("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static readonly UploadType Xlsx = new("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);
    public static readonly UploadType Pptx = new("PowerPoint presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]);
    public static readonly UploadType Odt = new("OpenDocument text", "application/vnd.oasis.opendocument.text", [".odt"]);
    public static readonly UploadType Ods = new("OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", [".ods"]);
    public static readonly UploadType Doc = new("Word 97–2003 document", "application/msword", [".doc"]);
    public static readonly UploadType Xls = new("Excel 97–2003 workbook", "application/vnd.ms-excel", [".xls"]);

    public static IReadOnlyList<UploadType> All { get; } = [Pdf, Png, Jpeg, WebP, Gif, Docx, Xlsx, Pptx, Odt, Ods, Doc, Xls];

    public const string Accepted = "PDF, PNG, JPEG, WebP, GIF, Word, Excel, PowerPoint, OpenDocument text or spreadsheet";

    public static string NotAccepted { get; } = $"This file's content is not a type we accept ({Accepted}).";

    public const string Markup = "This file's content is HTML, SVG or XML, which is never accepted (whatever its name): a browser could run script in it. Save it as PDF instead.";

    public const string Empty = "The file is empty.";

    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    public static UploadCheck Detect(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return new UploadCheck.Refused(Empty);
        }

        if (LooksLikeMarkup(content))
        {
            return new UploadCheck.Refused(Markup);
        }

        UploadType? type =
            content.StartsWith("%PDF-"u8) ? Pdf
            : content.StartsWith(PngMagic) ? Png
            : content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF ? Jpeg
            : content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8) ? Gif
            : content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? WebP
            : content.StartsWith(ZipMagic) ? ZipBased(content)
            : content.StartsWith(OleMagic) ? CompoundFile(content)
            : null;
        return type is null ? new UploadCheck.Refused(NotAccepted) : new UploadCheck.Accepted(type);
    }

    /// <summary>
    /// ODF puts an uncompressed "mimetype" entry first, its content readable at a fixed place; OOXML names its parts
    /// in the zip's headers (never compressed). A zip without either marker (a plain archive, a jar) is refused.
    /// </summary>
    private static UploadType? ZipBased(ReadOnlySpan<byte> content)
    {
        if (content.Length > 38 && content[30..].StartsWith("mimetype"u8))
        {
            var mimetype = content[38..];
            return mimetype.StartsWith("application/vnd.oasis.opendocument.text"u8) && !mimetype.StartsWith("application/vnd.oasis.opendocument.text-"u8) ? Odt
                : mimetype.StartsWith("application/vnd.oasis.opendocument.spreadsheet"u8) && !mimetype.StartsWith("application/vnd.oasis.opendocument.spreadsheet-"u8) ? Ods
                : null;
        }

        if (content.IndexOf("[Content_Types].xml"u8) < 0)
        {
            return null;
        }

        return content.IndexOf("word/document.xml"u8) >= 0 ? Docx
            : content.IndexOf("xl/workbook.xml"u8) >= 0 ? Xlsx
            : content.IndexOf("ppt/presentation.xml"u8) >= 0 ? Pptx
            : null;
    }

    /// <summary>Word and Excel 97–2003 files are OLE compound files; their directory names the main stream in UTF-16.</summary>
    private static UploadType? CompoundFile(ReadOnlySpan<byte> content) =>
        content.IndexOf(Encoding.Unicode.GetBytes("WordDocument")) >= 0 ? Doc
        : content.IndexOf(Encoding.Unicode.GetBytes("Workbook")) >= 0 || content.IndexOf(Encoding.Unicode.GetBytes("Book")) >= 0 ? Xls
        : null;

    /// <summary>
    /// Text that opens (after a byte-order mark and white space) with "&lt;" — an HTML page, an SVG drawing, any XML —
    /// in UTF-8 or UTF-16. Such content is refused even when it sits behind a harmless-looking name.
    /// </summary>
    public static bool LooksLikeMarkup(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, 1024)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var text = (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(head[2..]);
            return text.TrimStart().StartsWith('<');
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        foreach (var b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0C)
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }
}
