using System.Buffers.Binary;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Executables;

/// <summary>
/// Where the loader adjusts a file's absolute addresses when it maps it away from its preferred ImageBase: the
/// IMAGE_BASE_RELOCATION blocks of the base relocation directory (8-byte DIR64, type 10; 4-byte HIGHLOW, type 3;
/// ABSOLUTE, type 0, is padding), as file offsets, plus the optional header's ImageBase field, which the loader sets to
/// the load address. Comparing memory with the file after applying them leaves only real changes (hooks, patches).
/// </summary>
public sealed class BaseRelocations
{
    /// <summary>No relocation directory larger than this is read.</summary>
    public const int MaxBytes = 16 << 20;

    // IMAGE_BASE_RELOCATION (PE format, ".reloc Section (Image Only)"): a page RVA and the block's size, then u16
    // entries of a 4-bit type over a 12-bit offset in the page.
    private const int VirtualAddress = 0;
    private const int SizeOfBlock = 4;
    private const int BlockHeaderSize = 8;
    private const int RelBasedHighLow = 3;
    private const int RelBasedDir64 = 10;

    private readonly (long Offset, int Width)[] _sites;

    private BaseRelocations((long Offset, int Width)[] sites) => _sites = sites;

    public int Count => _sites.Length;

    /// <summary>The file's relocation sites, or null with why it has none or they cannot be read.</summary>
    public static BaseRelocations? Read(DiskFile disk, PeImageView headers, out string? why)
    {
        var directory = headers.Directory(PeDataDirectory.BaseRelocation);
        if (directory.Rva == 0 || directory.Size < BlockHeaderSize)
        {
            why = "the file has no base relocations";
            return null;
        }
        if (directory.Size > MaxBytes || FileOffset(headers, directory.Rva) is not { } at || at + directory.Size > disk.Length)
        {
            why = $"its relocation directory (RVA 0x{directory.Rva:X}, 0x{directory.Size:X} bytes) does not lie in the file";
            return null;
        }
        var block = new byte[directory.Size];
        disk.Read(at, block);
        var sites = new List<(long Offset, int Width)>();
        if (headers.File.ImageBaseOffset > 0) sites.Add((headers.File.ImageBaseOffset, headers.Is64Bit ? 8 : 4));
        var relocations = ImageReader.Over(block, disk.Path, at, "base relocation directory");
        for (var position = 0; position + BlockHeaderSize <= block.Length;)
        {
            var pageRva = relocations.U32(position + VirtualAddress, "VirtualAddress");
            var size = relocations.I32(position + SizeOfBlock, "SizeOfBlock");
            if (size < BlockHeaderSize || position + size > block.Length) break;
            var entries = relocations.Slice(position, size, "IMAGE_BASE_RELOCATION");
            for (var entry = BlockHeaderSize; entry + 2 <= size; entry += 2)
            {
                var value = entries.U16(entry, "TypeOffset");
                var width = (value >> 12) switch { RelBasedDir64 => 8, RelBasedHighLow => 4, _ => 0 };
                if (width > 0 && FileOffset(headers, pageRva + (uint)(value & 0xFFF)) is { } offset) sites.Add((offset, width));
            }
            position += size;
        }
        why = null;
        return new BaseRelocations([.. sites.OrderBy(s => s.Offset)]);
    }

    /// <summary>
    /// Adds <paramref name="delta"/> to every relocated value that overlaps <paramref name="chunk"/> (file bytes from
    /// <paramref name="at"/>), reading a value that straddles the chunk's edge from <paramref name="disk"/>.
    /// </summary>
    public void Apply(Span<byte> chunk, long at, ulong delta, DiskFile disk)
    {
        if (delta == 0) return;
        var first = FirstEndingAfter(at);
        Span<byte> value = stackalloc byte[8];
        for (var i = first; i < _sites.Length && _sites[i].Offset < at + chunk.Length; i++)
        {
            var (offset, width) = _sites[i];
            if (offset + width <= at) continue;
            var site = value[..width];
            if (offset >= at && offset + width <= at + chunk.Length) chunk.Slice((int)(offset - at), width).CopyTo(site);
            else if (offset + width <= disk.Length) disk.Read(offset, site);
            else continue;
            if (width == 8) BinaryPrimitives.WriteUInt64LittleEndian(site, BinaryPrimitives.ReadUInt64LittleEndian(site) + delta);
            else BinaryPrimitives.WriteUInt32LittleEndian(site, BinaryPrimitives.ReadUInt32LittleEndian(site) + (uint)delta);
            for (var b = 0; b < width; b++)
                if (offset + b >= at && offset + b < at + chunk.Length) chunk[(int)(offset + b - at)] = site[b];
        }
    }

    /// <summary>The first site that can overlap bytes from <paramref name="at"/> (no value is wider than 8 bytes).</summary>
    private int FirstEndingAfter(long at)
    {
        int low = 0, high = _sites.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_sites[mid].Offset + 8 <= at) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static long? FileOffset(PeImageView headers, uint rva)
    {
        foreach (var s in headers.Sections)
            if (rva >= s.VirtualAddress && rva - s.VirtualAddress < s.SizeOfRawData && s.PointerToRawData != 0)
                return s.PointerToRawData + (long)(rva - s.VirtualAddress);
        return rva < headers.File.SizeOfHeaders ? rva : null;
    }
}
