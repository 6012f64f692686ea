using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace CityMaturity.Reports.Fonts;

/// <summary>
/// Resolves the report's typefaces to TrueType files in the system font folders (PDFsharp on Linux has no
/// font discovery of its own). "DejaVu Sans" comes from fonts-dejavu-core; "WenQuanYi Zen Hei" is face 0 of
/// wqy-zenhei.ttc from fonts-wqy-zenhei, split out at run time because PDFsharp cannot read collections.
/// WenQuanYi has no bold or italic face, so those are simulated. Font bytes are read once and cached.
/// </summary>
public sealed class FontResolver : IFontResolver
{
    public const string SansFamily = "DejaVu Sans";
    public const string CjkFamily = "WenQuanYi Zen Hei";

    /// <summary>Debian/Ubuntu locations first, then those of other distributions.</summary>
    public static IReadOnlyList<string> DefaultDirectories { get; } =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/truetype/wqy",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/dejavu-sans-fonts",
        "/usr/share/fonts/wqy-zenhei",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts",
    ];

    private static readonly Dictionary<string, FontFace> Faces = new(StringComparer.Ordinal)
    {
        ["DejaVuSans"] = new("DejaVuSans.ttf", null, "fonts-dejavu-core"),
        ["DejaVuSans-Bold"] = new("DejaVuSans-Bold.ttf", null, "fonts-dejavu-core"),
        ["DejaVuSans-Oblique"] = new("DejaVuSans-Oblique.ttf", null, "fonts-dejavu-core"),
        ["DejaVuSans-BoldOblique"] = new("DejaVuSans-BoldOblique.ttf", null, "fonts-dejavu-core"),
        ["WenQuanYiZenHei"] = new("wqy-zenhei.ttc", 0, "fonts-wqy-zenhei"),
    };

    private readonly IReadOnlyList<string> _directories;
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _cache = new(StringComparer.Ordinal);

    public FontResolver()
        : this(DefaultDirectories)
    {
    }

    public FontResolver(IReadOnlyList<string> directories)
    {
        _directories = directories;
    }

    /// <summary>The face names this resolver can deliver (PDFsharp's "face name" keys).</summary>
    public static IReadOnlyCollection<string> FaceNames => Faces.Keys;

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (string.Equals(familyName, CjkFamily, StringComparison.OrdinalIgnoreCase))
        {
            return new FontResolverInfo("WenQuanYiZenHei", bold, italic);
        }

        // Every other family (including PDFsharp's own requests) maps to DejaVu Sans: it covers Latin,
        // Greek and Cyrillic, and the layout engine sends CJK text to the family above.
        var face = (bold, italic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            (false, false) => "DejaVuSans",
        };
        return new FontResolverInfo(face);
    }

    public byte[]? GetFont(string faceName)
    {
        if (!Faces.ContainsKey(faceName))
        {
            return null;
        }

        var lazy = _cache.GetOrAdd(faceName, name => new Lazy<byte[]>(() => Load(name), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (MissingFontException)
        {
            // Let a later call (after the package was installed) try again instead of caching the failure.
            _cache.TryRemove(new KeyValuePair<string, Lazy<byte[]>>(faceName, lazy));
            throw;
        }
    }

    /// <summary>Throws <see cref="MissingFontException"/> now, with the package to install, if a face's file is missing.</summary>
    public void EnsureAvailable(string faceName) => GetFont(faceName);

    /// <summary>Where the file of a face would be loaded from, or null if it is in none of the directories.</summary>
    public string? Locate(string faceName) =>
        Faces.TryGetValue(faceName, out var face) ? FindFile(face.FileName) : null;

    private byte[] Load(string faceName)
    {
        var face = Faces[faceName];
        var path = FindFile(face.FileName) ?? throw new MissingFontException(face.FileName, face.DebianPackage, _directories);
        var bytes = File.ReadAllBytes(path);
        if (face.CollectionIndex is { } index)
        {
            return TrueTypeCollection.ExtractFace(bytes, index);
        }

        return TrueTypeCollection.IsCollection(bytes)
            ? throw new InvalidDataException($"{path} is a font collection; expected a single TrueType face.")
            : bytes;
    }

    private string? FindFile(string fileName) =>
        _directories.Select(d => Path.Combine(d, fileName)).FirstOrDefault(File.Exists);

    private sealed record FontFace(string FileName, int? CollectionIndex, string DebianPackage);
}

/// <summary>A font file the report needs is not installed; the message names the Debian package that provides it.</summary>
public sealed class MissingFontException : Exception
{
    public MissingFontException()
    {
    }

    public MissingFontException(string message)
        : base(message)
    {
    }

    public MissingFontException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MissingFontException(string fileName, string debianPackage, IEnumerable<string> searchedDirectories)
        : base($"The font file {fileName} was not found in {string.Join(", ", searchedDirectories)}. " +
               $"Install the Debian package {debianPackage} (apt-get install {debianPackage}).")
    {
        FileName = fileName;
        DebianPackage = debianPackage;
    }

    public string? FileName { get; }

    public string? DebianPackage { get; }
}
