using System.Text;

namespace CityMaturity.Integration.Tests.Evidence;

/// <summary>Small files whose first bytes are what the upload check reads.</summary>
internal static class SampleFiles
{
    public static byte[] Pdf(string text = "Plan") => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!doctype html><html><body><script>document.title='pwned'</script></body></html>");

    public static byte[] Svg() => Encoding.UTF8.GetBytes("\uFEFF  <?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>");
}
