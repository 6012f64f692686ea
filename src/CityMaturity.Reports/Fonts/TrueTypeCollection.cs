using System.Buffers.Binary;

namespace CityMaturity.Reports.Fonts;

/// <summary>
/// Splits one face out of a TrueType collection (.ttc) into a standalone .ttf, because PDFsharp reads
/// only single-face files. The tables are copied byte for byte; only the table directory is rewritten
/// (offsets, search fields) and head.checkSumAdjustment is recomputed for the new file.
/// </summary>
public static class TrueTypeCollection
{
    private const uint CollectionTag = 0x74746366; // "ttcf"
    private const uint HeadTag = 0x68656164; // "head"
    private const uint ChecksumMagic = 0xB1B0AFBA;
    private const int OffsetTableSize = 12;
    private const int TableRecordSize = 16;

    public static bool IsCollection(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(data) == CollectionTag;

    /// <summary>The number of faces in the collection.</summary>
    public static int FaceCount(ReadOnlySpan<byte> collection)
    {
        RequireCollection(collection);
        return checked((int)ReadUInt32(collection, 8));
    }

    /// <summary>Returns face <paramref name="faceIndex"/> of <paramref name="collection"/> as a standalone TrueType file.</summary>
    public static byte[] ExtractFace(ReadOnlySpan<byte> collection, int faceIndex)
    {
        var faceCount = FaceCount(collection);
        if (faceIndex < 0 || faceIndex >= faceCount)
        {
            throw new ArgumentOutOfRangeException(nameof(faceIndex), faceIndex, $"The collection has {faceCount} faces.");
        }

        // TTC header: tag, version (uint32), numFonts (uint32), then one uint32 offset per face to its offset table.
        var faceOffset = checked((int)ReadUInt32(collection, 12 + (4 * faceIndex)));
        var sfntVersion = ReadUInt32(collection, faceOffset);
        var tableCount = ReadUInt16(collection, faceOffset + 4);

        var tables = new List<(uint Tag, uint Checksum, int Offset, int Length)>(tableCount);
        for (var i = 0; i < tableCount; i++)
        {
            var record = faceOffset + OffsetTableSize + (i * TableRecordSize);
            var offset = checked((int)ReadUInt32(collection, record + 8));
            var length = checked((int)ReadUInt32(collection, record + 12));
            if (offset < 0 || length < 0 || (long)offset + length > collection.Length)
            {
                throw new InvalidDataException($"Table #{i} of face {faceIndex} lies outside the collection file.");
            }

            tables.Add((ReadUInt32(collection, record), ReadUInt32(collection, record + 4), offset, length));
        }

        // The directory must stay sorted by tag; collections already store it so, but do not rely on it.
        tables.Sort((a, b) => a.Tag.CompareTo(b.Tag));

        var directorySize = OffsetTableSize + (tableCount * TableRecordSize);
        long total = directorySize;
        foreach (var table in tables)
        {
            total += Align4(table.Length);
        }

        var font = new byte[checked((int)total)];
        var span = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, sfntVersion);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], tableCount);
        var entrySelector = (ushort)Math.Floor(Math.Log2(Math.Max(1, (int)tableCount)));
        var searchRange = (ushort)((1 << entrySelector) * 16);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((tableCount * 16) - searchRange));

        var position = directorySize;
        var headOffset = -1;
        for (var i = 0; i < tables.Count; i++)
        {
            var (tag, checksum, offset, length) = tables[i];
            var record = span[(OffsetTableSize + (i * TableRecordSize))..];
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
            collection.Slice(offset, length).CopyTo(span[position..]);
            if (tag == HeadTag)
            {
                headOffset = position;
            }

            position += Align4(length); // padding bytes stay zero, as the format requires
        }

        if (headOffset >= 0 && tables.First(t => t.Tag == HeadTag).Length >= 12)
        {
            // checkSumAdjustment (head offset 8) makes the whole file sum to the magic number; it is computed with itself as zero.
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], 0);
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(ChecksumMagic - Checksum(span)));
        }

        return font;
    }

    /// <summary>The TrueType checksum: the sum of big-endian uint32 words, the tail padded with zeros.</summary>
    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var whole = data.Length & ~3;
        for (var i = 0; i < whole; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        if (whole < data.Length)
        {
            Span<byte> tail = stackalloc byte[4];
            tail.Clear();
            data[whole..].CopyTo(tail);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(tail));
        }

        return sum;
    }

    private static void RequireCollection(ReadOnlySpan<byte> data)
    {
        if (!IsCollection(data) || data.Length < 12)
        {
            throw new InvalidDataException("The data is not a TrueType collection (no 'ttcf' header).");
        }
    }

    private static int Align4(int length) => (length + 3) & ~3;

    private static uint ReadUInt32(ReadOnlySpan<byte> data, int offset) =>
        offset < 0 || offset + 4 > data.Length
            ? throw new InvalidDataException($"Unexpected end of the font file at offset {offset}.")
            : BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, int offset) =>
        offset < 0 || offset + 2 > data.Length
            ? throw new InvalidDataException($"Unexpected end of the font file at offset {offset}.")
            : BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
}
