using System.Buffers.Binary;

namespace MemFs.Aff4.Container;

/// <summary>
/// The Zip64 extended-information extra field (id 0x0001): only the central-directory fields that were
/// saturated are present, in the order uncompressed size, compressed size, local header offset, disk.
/// </summary>
internal static class Zip64ExtendedInformation
{
    public const ushort HeaderId = 0x0001;

    /// <summary>
    /// Replaces the saturated values from the Zip64 field in <paramref name="extra"/>. Other extra ids are
    /// skipped by their size. Returns a problem description, or null when the values are complete.
    /// </summary>
    public static string? Apply(ReadOnlySpan<byte> extra, ref ulong uncompressedSize, ref ulong compressedSize, ref ulong localHeaderOffset)
    {
        var needUncompressed = uncompressedSize == uint.MaxValue;
        var needCompressed = compressedSize == uint.MaxValue;
        var needOffset = localHeaderOffset == uint.MaxValue;
        if (!needUncompressed && !needCompressed && !needOffset) return null;

        for (var p = 0; p + 4 <= extra.Length;)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra[p..]);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[(p + 2)..]);
            if (p + 4 + size > extra.Length)
                return $"extra field 0x{id:X4} of {size} bytes runs past the end of the extra data";
            if (id == HeaderId)
            {
                var data = extra.Slice(p + 4, size);
                var needed = (needUncompressed ? 8 : 0) + (needCompressed ? 8 : 0) + (needOffset ? 8 : 0);
                if (data.Length < needed)
                    return $"Zip64 extra field has {data.Length} bytes but the saturated fields need {needed}";
                var q = 0;
                if (needUncompressed) { uncompressedSize = BinaryPrimitives.ReadUInt64LittleEndian(data[q..]); q += 8; }
                if (needCompressed) { compressedSize = BinaryPrimitives.ReadUInt64LittleEndian(data[q..]); q += 8; }
                if (needOffset) localHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(data[q..]);
                return null;
            }
            p += 4 + size;
        }
        // No Zip64 field: the 0xFFFFFFFF values are taken literally; the range checks catch nonsense.
        return null;
    }
}
