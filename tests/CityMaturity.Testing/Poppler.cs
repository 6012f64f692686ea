using System.Diagnostics;

namespace CityMaturity.Testing;

/// <summary>
/// Runs the poppler-utils tools (Debian package poppler-utils) on a PDF written to a temporary folder. Compiled into this
/// support library (behind <see cref="PdfText"/>) and, as a linked file, into CityMaturity.Reports.Tests, which does not
/// reference the web app this library brings.
/// </summary>
public sealed class Poppler : IDisposable
{
    private Poppler(string directory, string pdfPath)
    {
        Directory = directory;
        PdfPath = pdfPath;
    }

    public string Directory { get; }

    public string PdfPath { get; }

    public static Poppler For(byte[] pdf, string name = "report.pdf")
    {
        var directory = Path.Combine(Path.GetTempPath(), "citymaturity-pdf-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, pdf);
        return new Poppler(directory, path);
    }

    /// <summary>The text of the whole document or of one page (1-based): reading order, content-stream order (-raw) or physical layout (-layout).</summary>
    public string Text(int? page = null, bool raw = false, bool layout = false)
    {
        var args = new List<string>();
        if (raw)
        {
            args.Add("-raw");
        }

        if (layout)
        {
            args.Add("-layout");
        }

        if (page is { } p)
        {
            args.AddRange(["-f", p.ToString(), "-l", p.ToString()]);
        }

        args.AddRange(["-enc", "UTF-8", PdfPath, "-"]);
        return Run("pdftotext", args);
    }

    /// <summary>The tagged PDF's structure tree with the text of each element (pdfinfo -struct-text), indented by depth.</summary>
    public string StructureText() => Run("pdfinfo", ["-struct-text", PdfPath]);

    public Dictionary<string, string> Info()
    {
        var output = Run("pdfinfo", ["-isodates", PdfPath]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
    }

    /// <summary>pdffonts rows: name, type, whether embedded, subset, with a Unicode map.</summary>
    public List<(string Name, string Type, bool Embedded, bool Subset, bool Unicode)> Fonts()
    {
        var lines = Run("pdffonts", [PdfPath]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // Columns are fixed-width; the dashed second line gives their extents (names contain spaces).
        var columns = new List<(int Start, int Length)>();
        var dashes = lines[1];
        for (var i = 0; i < dashes.Length;)
        {
            var end = dashes.IndexOf(' ', i);
            end = end < 0 ? dashes.Length : end;
            columns.Add((i, end - i));
            i = end + 1;
        }

        string Column(string line, int index)
        {
            var (start, length) = columns[index];
            return start >= line.Length ? string.Empty : line.Substring(start, Math.Min(length, line.Length - start)).Trim();
        }

        return [.. lines.Skip(2).Select(line => (Column(line, 0), Column(line, 1), Column(line, 3) == "yes", Column(line, 4) == "yes", Column(line, 5) == "yes"))];
    }

    /// <summary>Renders every page to PNG and returns the files in page order.</summary>
    public List<FileInfo> RenderPages(int dpi = 40)
    {
        var prefix = Path.Combine(Directory, "page");
        Run("pdftoppm", ["-r", dpi.ToString(), "-png", PdfPath, prefix]);
        return [.. new DirectoryInfo(Directory).GetFiles("page*.png").OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>What pdfsig says of the PDF's signatures (its exit code says nothing a test needs: the text does).</summary>
    public string Signatures() => Run("pdfsig", [PdfPath], anyExitCode: true);

    /// <summary>
    /// What pdfsig says when it trusts the certificate authority in <paramref name="authorityPem"/>: an NSS database
    /// made for it with certutil (Debian package libnss3-tools), the authority trusted to issue for every use ("C,C,C":
    /// pdfsig checks a signer's certificate for the S/MIME use, so "C,," is not enough). pdfsig's -no-ocsp is not given:
    /// with it, poppler 22.12 reports an "unknown issue" for a trusted chain; the test certificates name no OCSP
    /// responder, so nothing is asked over the network.
    /// </summary>
    public string SignaturesTrusting(string authorityPem)
    {
        var nss = Path.Combine(Directory, "nss");
        System.IO.Directory.CreateDirectory(nss);
        var authority = Path.Combine(Directory, "authority.pem");
        File.WriteAllText(authority, authorityPem);
        Run("certutil", ["-N", "-d", $"sql:{nss}", "--empty-password"]);
        Run("certutil", ["-A", "-d", $"sql:{nss}", "-n", "test-authority", "-t", "C,C,C", "-i", authority]);
        return Run("pdfsig", ["-nssdir", $"sql:{nss}", PdfPath], anyExitCode: true);
    }

    /// <summary>
    /// What pdfsig says of a copy of <paramref name="pdf"/> with one byte changed inside the signed range: the first
    /// character of <paramref name="marker"/> (e.g. a word of the document's title), which must occur in the file.
    /// </summary>
    public static string SignaturesWithOneByteChanged(byte[] pdf, string marker)
    {
        var at = System.Text.Encoding.Latin1.GetString(pdf).IndexOf(marker, StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new InvalidOperationException($"'{marker}' does not occur in the PDF, so no byte of it can be changed.");
        }

        var tampered = (byte[])pdf.Clone();
        tampered[at] = (byte)(tampered[at] == (byte)'X' ? 'Y' : 'X');
        using var changed = For(tampered);
        return changed.Signatures();
    }

    /// <summary>Saves the files attached to the PDF (pdfdetach -saveall) and returns them by name.</summary>
    public Dictionary<string, byte[]> Attachments()
    {
        var folder = Path.Combine(Directory, "attachments");
        System.IO.Directory.CreateDirectory(folder);
        Run("pdfdetach", ["-saveall", "-o", folder, PdfPath]);
        return new DirectoryInfo(folder).GetFiles().ToDictionary(f => f.Name, f => File.ReadAllBytes(f.FullName), StringComparer.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is harmless
        }
    }

    private static string Run(string tool, IEnumerable<string> arguments, bool anyExitCode = false)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start; install poppler-utils (certutil: libnss3-tools).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within a minute.");
        }

        if (anyExitCode)
        {
            return stdout.Result + stderr.Result;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }
}
