using System.Buffers.Binary;
using CityMaturity.Reports.Fonts;
using PdfSharp.Fonts;

namespace CityMaturity.Reports.Tests;

public class FontTests
{
    private const string CollectionPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    [Fact]
    public void Setup_registers_the_resolver_once()
    {
        PdfSharpSetup.EnsureInitialised();
        PdfSharpSetup.EnsureInitialised();
        Assert.Same(PdfSharpSetup.Fonts, GlobalFontSettings.FontResolver);
    }

    [Fact]
    public void Setup_is_safe_from_many_threads_at_once() =>
        Parallel.For(0, 16, _ => PdfSharpSetup.EnsureInitialised());

    [Theory]
    [InlineData("DejaVu Sans", false, false, "DejaVuSans")]
    [InlineData("DejaVu Sans", true, false, "DejaVuSans-Bold")]
    [InlineData("DejaVu Sans", false, true, "DejaVuSans-Oblique")]
    [InlineData("DejaVu Sans", true, true, "DejaVuSans-BoldOblique")]
    [InlineData("Arial", false, false, "DejaVuSans")]
    public void Resolves_DejaVu_faces(string family, bool bold, bool italic, string face)
    {
        var info = new FontResolver().ResolveTypeface(family, bold, italic);
        Assert.Equal(face, info.FaceName);
        Assert.False(info.MustSimulateBold);
    }

    [Fact]
    public void The_CJK_family_simulates_the_bold_it_does_not_have()
    {
        var info = new FontResolver().ResolveTypeface(FontResolver.CjkFamily, true, false);
        Assert.Equal("WenQuanYiZenHei", info.FaceName);
        Assert.True(info.MustSimulateBold);
    }

    [Fact]
    public void Every_face_loads_from_the_system_font_folders()
    {
        var resolver = new FontResolver();
        foreach (var face in FontResolver.FaceNames)
        {
            var bytes = resolver.GetFont(face);
            Assert.NotNull(bytes);
            Assert.False(TrueTypeCollection.IsCollection(bytes), face);
            Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }
    }

    [Theory]
    [InlineData("DejaVuSans", "fonts-dejavu-core")]
    [InlineData("WenQuanYiZenHei", "fonts-wqy-zenhei")]
    public void A_missing_font_names_the_Debian_package_to_install(string face, string package)
    {
        var resolver = new FontResolver(["/nonexistent/fonts"]);
        var error = Assert.Throws<MissingFontException>(() => resolver.GetFont(face));
        Assert.Contains(package, error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/fonts", error.Message, StringComparison.Ordinal);
        Assert.Equal(package, error.DebianPackage);
    }

    [Fact]
    public void Face_zero_of_the_WenQuanYi_collection_becomes_a_valid_standalone_TrueType_file()
    {
        var collection = File.ReadAllBytes(CollectionPath);
        Assert.True(TrueTypeCollection.IsCollection(collection));
        Assert.True(TrueTypeCollection.FaceCount(collection) >= 2);

        var font = TrueTypeCollection.ExtractFace(collection, 0);
        Assert.True(font.Length < collection.Length);
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        Assert.True(tableCount >= 9);

        var tags = new List<string>();
        var end = 12 + (16 * tableCount);
        for (var i = 0; i < tableCount; i++)
        {
            var record = font.AsSpan(12 + (16 * i));
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var checksum = BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tags.Add(tag);
            Assert.Equal(0, offset % 4);
            Assert.True(offset >= end, $"{tag} overlaps the previous table");
            Assert.True(offset + length <= font.Length, $"{tag} runs past the end");
            end = offset + length;
            if (tag != "head")
            {
                Assert.Equal(checksum, TrueTypeCollection.Checksum(font.AsSpan(offset, length)));
            }
        }

        Assert.Equal(tags.Order(StringComparer.Ordinal), tags);
        Assert.Subset(tags.ToHashSet(), new HashSet<string> { "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name" });

        // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
        Assert.Equal(0xB1B0AFBAu, TrueTypeCollection.Checksum(font));
    }

    [Fact]
    public void Extracting_rejects_what_is_not_a_collection_or_a_face_it_does_not_have()
    {
        Assert.Throws<InvalidDataException>(() => TrueTypeCollection.ExtractFace(new byte[64], 0));
        var collection = File.ReadAllBytes(CollectionPath);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrueTypeCollection.ExtractFace(collection, 99));
    }
}
