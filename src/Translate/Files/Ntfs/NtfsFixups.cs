using System.Buffers.Binary;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// The update sequence ("multi-sector transfer") protection of FILE and INDX records: the last two bytes of
/// every 512-byte block hold the update sequence number, and the real bytes are kept in the update sequence
/// array whose offset (+4) and count (+6, blocks + 1) are in the record header.
/// </summary>
internal static class NtfsFixups
{
    private const int BlockSize = 512;

    /// <summary>Restores the protected bytes in place; returns a problem description, or null when the record is intact.</summary>
    public static string? Apply(Span<byte> record)
    {
        int offset = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(record[6..]);
        var blocks = record.Length / BlockSize;
        if (count != blocks + 1)
            return $"update sequence array has {count} entries, expected {blocks + 1} for a {record.Length}-byte record";
        if (offset < 8 || (offset & 1) != 0 || offset + 2 * count > BlockSize - 2)
            return $"update sequence array offset 0x{offset:X} is outside the record's first block";
        var usn = BinaryPrimitives.ReadUInt16LittleEndian(record[offset..]);
        for (var i = 1; i < count; i++)
        {
            var tail = record.Slice(i * BlockSize - 2, 2);
            if (BinaryPrimitives.ReadUInt16LittleEndian(tail) != usn)
                return $"update sequence mismatch in block {i - 1} (torn or corrupt write): 0x{BinaryPrimitives.ReadUInt16LittleEndian(tail):X4} instead of 0x{usn:X4}";
            record.Slice(offset + 2 * i, 2).CopyTo(tail);
        }
        return null;
    }
}
