using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Modules;

/// <summary>
/// The image's VS_VERSIONINFO: found through the resource directory (data directory 2: type RT_VERSION, then the
/// first name, then the first language; three levels, so no walk can loop), then VS_FIXEDFILEINFO's versions and
/// the StringFileInfo strings. Every count, offset and length is checked against the block it lies in.
/// </summary>
internal static class VersionResource
{
    private const int ResourceDirectoryIndex = 2;
    private const uint RtVersion = 16;
    private const int MaxEntries = 4096;
    private const int MaxVersionBytes = 64 << 10;
    private const uint FixedSignature = 0xFEEF04BD;
    private const int FixedFileInfoSize = 52;

    // IMAGE_RESOURCE_DIRECTORY and its entries (PE format, "The .rsrc Section").
    private const int DirectoryHeaderSize = 16;
    private const int NamedEntriesField = 12;
    private const int IdEntriesField = 14;
    private const int EntrySize = 8;
    private const uint HighBit = 0x8000_0000;

    /// <summary>The version lines ("FileVersion 10.0.19041.292", "CompanyName Microsoft Corporation"), or null with why.</summary>
    public static List<(string Key, string Value)>? Read(PeImageView view, out string? why)
    {
        if (VersionInfo(view, out why) is not { } bytes) return null;
        var lines = new List<(string, string)>();
        Block(bytes, 0, bytes.Length, 0, lines);
        why = lines.Count == 0 ? "VS_VERSIONINFO holds nothing readable" : null;
        return lines.Count == 0 ? null : lines;
    }

    /// <summary>
    /// The 52 bytes of VS_FIXEDFILEINFO (13 DWORDs, dwSignature 0xFEEF04BD first) that are VS_VERSIONINFO's Value, or
    /// null with why when the image has no version resource or its Value is not one.
    /// </summary>
    public static byte[]? FixedFileInfo(PeImageView view, out string? why)
    {
        if (VersionInfo(view, out why) is not { } bytes) return null;
        var (_, value, valueBytes, _) = Header(bytes, 0, bytes.Length);
        if (valueBytes < FixedFileInfoSize || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(value)) != FixedSignature)
            return Fail<byte[]>(out why, "VS_VERSIONINFO's Value is not a VS_FIXEDFILEINFO");
        return bytes.AsSpan(value, FixedFileInfoSize).ToArray();
    }

    /// <summary>The bytes of VS_VERSIONINFO (at least its 6-byte header), or null with why.</summary>
    private static byte[]? VersionInfo(PeImageView view, out string? why)
    {
        var directory = view.Directory(ResourceDirectoryIndex);
        if (directory.Rva == 0 || directory.Size < DirectoryHeaderSize) return Fail<byte[]>(out why, "no resource directory");
        if ((ulong)directory.Rva + directory.Size > view.SizeOfImage) return Fail<byte[]>(out why, $"resource directory 0x{directory.Rva:X}+0x{directory.Size:X} lies outside the image");
        var offset = 0u;
        foreach (var (level, wanted) in new[] { ("type", (uint?)RtVersion), ("name", null) })
        {
            if (Entry(view, directory.Rva, directory.Size, offset, wanted, out why) is not { } next) return Fail<byte[]>(out why, $"{level} level: {why}");
            if ((next & HighBit) == 0) return Fail<byte[]>(out why, $"{level} level: a data entry where a directory belongs");
            offset = next & ~HighBit;
        }
        if (Entry(view, directory.Rva, directory.Size, offset, null, out why) is not { } leaf) return Fail<byte[]>(out why, $"language level: {why}");
        if ((leaf & HighBit) != 0 || leaf + 8 > directory.Size) return Fail<byte[]>(out why, $"data entry offset 0x{leaf:X} is not a data entry inside the directory");
        Span<byte> data = stackalloc byte[8];
        if (!view.TryReadRva(directory.Rva + leaf, data, out why)) return Fail<byte[]>(out why, $"data entry unreadable: {why}");
        var (rva, size) = (BinaryPrimitives.ReadUInt32LittleEndian(data), BinaryPrimitives.ReadUInt32LittleEndian(data[4..]));
        if (size < 6 || size > MaxVersionBytes || (ulong)rva + size > view.SizeOfImage) return Fail<byte[]>(out why, $"VS_VERSIONINFO 0x{rva:X}+0x{size:X} is implausible or outside the image");
        var bytes = new byte[size];
        return view.TryReadRva(rva, bytes, out why) ? bytes : Fail<byte[]>(out why, $"VS_VERSIONINFO unreadable: {why}");
    }

    /// <summary>The OffsetToData of the entry with id <paramref name="id"/> (or the first entry) of the directory at <paramref name="offset"/>.</summary>
    private static uint? Entry(PeImageView view, uint root, uint size, uint offset, uint? id, out string? why)
    {
        Span<byte> header = stackalloc byte[DirectoryHeaderSize];
        if ((ulong)offset + DirectoryHeaderSize > size) return FailEntry(out why, $"directory offset 0x{offset:X} lies outside the resource directory");
        if (!view.TryReadRva(root + offset, header, out why)) return null;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(header[NamedEntriesField..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[IdEntriesField..]);
        if (count == 0) return FailEntry(out why, "no entries");
        count = Math.Min(count, Math.Min(MaxEntries, (int)((size - offset - DirectoryHeaderSize) / EntrySize)));
        Span<byte> entry = stackalloc byte[EntrySize];
        for (var i = 0; i < count; i++)
        {
            if (!view.TryReadRva(root + offset + DirectoryHeaderSize + (uint)(i * EntrySize), entry, out why)) return null;
            var name = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            if (id is null || name == id) return BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
        }
        return FailEntry(out why, $"no entry {id}");
    }

    /// <summary>
    /// One VS_VERSIONINFO-style block at <paramref name="at"/> (wLength, wValueLength, wType, szKey, padding, Value,
    /// padding, children): VS_FIXEDFILEINFO's versions, or a String's key and value. Depth is at most 3
    /// (VS_VERSIONINFO → StringFileInfo → StringTable → String).
    /// </summary>
    private static void Block(byte[] bytes, int at, int limit, int depth, List<(string, string)> lines)
    {
        if (at + 6 > limit || BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)) < 6) return;
        var (key, value, valueBytes, end) = Header(bytes, at, limit);
        if (depth == 0 && valueBytes >= 24 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(value)) == FixedSignature)
        {
            lines.Add(("FixedFileInfo.FileVersion", Version(bytes, value + 8)));
            lines.Add(("FixedFileInfo.ProductVersion", Version(bytes, value + 16)));
        }
        if (depth == 3)
        {
            var text = Encoding.Unicode.GetString(bytes, value, valueBytes & ~1).TrimEnd('\0');
            // Version strings are UTF-16 and carry © and ®: only control characters are replaced.
            lines.Add((key, string.Concat(text.Select(c => char.IsControl(c) ? '?' : c))));
            return;
        }
        if (depth == 1 && key != "StringFileInfo") return;
        for (var child = Align(value + valueBytes); child + 6 <= end && depth < 3;)
        {
            var childLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(child));
            if (childLength < 6) break;
            Block(bytes, child, end, depth + 1, lines);
            child = Align(child + childLength);
        }
    }

    /// <summary>
    /// The header of the block at <paramref name="at"/> (wLength, wValueLength, wType, szKey): its key, where its Value
    /// starts (the key's end aligned to 4), the Value's bytes that lie inside the block (wValueLength counts WCHARs
    /// when wType is 1) and the block's end, both bounded by <paramref name="limit"/>.
    /// </summary>
    private static (string Key, int Value, int ValueBytes, int End) Header(byte[] bytes, int at, int limit)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
        var valueLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 2));
        var isText = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 4)) == 1;
        var end = Math.Min(limit, at + length);
        var keyEnd = at + 6;
        while (keyEnd + 1 < end && (bytes[keyEnd] | bytes[keyEnd + 1]) != 0) keyEnd += 2;
        var key = Encoding.Unicode.GetString(bytes, at + 6, Math.Max(0, keyEnd - (at + 6)));
        var value = Align(keyEnd + 2);
        return (key, value, Math.Min(isText ? valueLength * 2 : valueLength, Math.Max(0, end - value)), end);
    }

    private static string Version(byte[] bytes, int at)
    {
        var ms = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
        var ls = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
        return $"{ms >> 16}.{ms & 0xFFFF}.{ls >> 16}.{ls & 0xFFFF}";
    }

    private static int Align(int offset) => (offset + 3) & ~3;

    private static T? Fail<T>(out string? why, string reason) where T : class
    {
        why = reason;
        return null;
    }

    private static uint? FailEntry(out string? why, string reason)
    {
        why = reason;
        return null;
    }
}
