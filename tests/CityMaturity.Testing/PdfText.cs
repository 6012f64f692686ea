namespace CityMaturity.Testing;

/// <summary>A PDF's text as pdftotext (poppler-utils) reads it, with all white space collapsed to single spaces.</summary>
public static class PdfText
{
    public static Task<string> ExtractAsync(byte[] pdf)
    {
        using var poppler = Poppler.For(pdf);
        return Task.FromResult(string.Join(' ', poppler.Text().Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries)));
    }
}
