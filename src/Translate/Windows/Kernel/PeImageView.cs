using System.Buffers.Binary;
using System.Text;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// A loaded PE image read through virtual memory: headers, sections, data directories, the CodeView record and the
/// export names. Every count and RVA from the image is checked against caps and SizeOfImage before anything is
/// read or allocated, so a damaged or hostile header costs at most a few bounded reads.
/// </summary>
public sealed class PeImageView
{
    public const int HeaderBytes = 0x1000;
    public const int MaxLfanew = 0x800;
    public const int MaxSections = 96;
    public const uint MaxImageSize = 1u << 30;
    public const int MaxExports = 65536;
    public const int MaxNameLength = 256;
    private const int MaxDebugEntries = 16;
    private const int DebugEntrySize = 28;
    private const int CodeViewType = 2;
    private const int MaxCodeViewBytes = 24 + 260;
    private const int MaxExportBlock = 16 << 20;

    private readonly IKernelReader _reader;

    private PeImageView(IKernelReader reader, ulong imageBase, ushort machine, uint timeDateStamp, uint sizeOfImage, bool is64,
        IReadOnlyList<PeSection> sections, IReadOnlyList<PeDataDirectory> directories, PeFileAlignment file)
    {
        _reader = reader;
        Base = imageBase;
        Machine = machine;
        TimeDateStamp = timeDateStamp;
        SizeOfImage = sizeOfImage;
        Is64Bit = is64;
        Sections = sections;
        DataDirectories = directories;
        File = file;
    }

    public ulong Base { get; }

    /// <summary>Where later reads of this image go.</summary>
    public IKernelReader Reader => _reader;

    /// <summary>IMAGE_FILE_HEADER.Machine: 0x8664 for x64.</summary>
    public ushort Machine { get; }
    public uint TimeDateStamp { get; }
    public uint SizeOfImage { get; }
    public bool Is64Bit { get; }
    public IReadOnlyList<PeSection> Sections { get; }
    public IReadOnlyList<PeDataDirectory> DataDirectories { get; }

    /// <summary>The optional header's file-layout fields (SizeOfHeaders, FileAlignment, SectionAlignment).</summary>
    public PeFileAlignment File { get; }

    public bool HasSection(string name) => Sections.Any(s => s.Name == name);

    public PeDataDirectory Directory(int index) => index < DataDirectories.Count ? DataDirectories[index] : default;

    /// <summary>The image at <paramref name="imageBase"/>, or null with the reason it is not a readable PE.</summary>
    public static PeImageView? TryOpen(IKernelReader reader, ulong imageBase, out string? why)
    {
        var page = new byte[HeaderBytes];
        if (!reader.TryRead(imageBase, page, out var reason))
        {
            why = $"the header page cannot be read: {reason}";
            return null;
        }
        return Parse(reader, imageBase, page, out why);
    }

    /// <summary>
    /// The image whose first <see cref="HeaderBytes"/> bytes are <paramref name="page"/> (read from memory or from the
    /// file on disk), with later reads going to <paramref name="reader"/> at <paramref name="imageBase"/>.
    /// </summary>
    public static PeImageView? Parse(IKernelReader reader, ulong imageBase, byte[] page, out string? why)
    {
        if (page.Length < HeaderBytes) return Fail(out why, $"{page.Length} header bytes given, {HeaderBytes} needed");
        ReadOnlySpan<byte> h = page;
        if (h[0] != (byte)'M' || h[1] != (byte)'Z') return Fail(out why, "no MZ signature");
        var lfanew = BinaryPrimitives.ReadInt32LittleEndian(h[0x3C..]);
        if (lfanew < 0x40 || lfanew > MaxLfanew) return Fail(out why, $"e_lfanew 0x{lfanew:X} outside [0x40, 0x{MaxLfanew:X}]");
        if (BinaryPrimitives.ReadUInt32LittleEndian(h[lfanew..]) != 0x0000_4550) return Fail(out why, $"no PE signature at e_lfanew 0x{lfanew:X}");
        var file = lfanew + 4;
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(h[file..]);
        var sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(h[(file + 2)..]);
        var timeDateStamp = BinaryPrimitives.ReadUInt32LittleEndian(h[(file + 4)..]);
        var optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(h[(file + 16)..]);
        var optional = file + 20;
        if (optional + optionalSize > HeaderBytes || optionalSize < 96) return Fail(out why, $"SizeOfOptionalHeader 0x{optionalSize:X} does not fit the header page");
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(h[optional..]);
        if (magic is not (0x20B or 0x10B)) return Fail(out why, $"optional header magic 0x{magic:X} is neither PE32 nor PE32+");
        var is64 = magic == 0x20B;
        var sizeOfImage = BinaryPrimitives.ReadUInt32LittleEndian(h[(optional + 56)..]);
        if (sizeOfImage == 0 || sizeOfImage > MaxImageSize) return Fail(out why, $"SizeOfImage 0x{sizeOfImage:X} is implausible");
        // SectionAlignment, FileAlignment and SizeOfHeaders sit at the same offsets in PE32 and PE32+.
        // ImageBase: 8 bytes at +24 in PE32+, 4 bytes at +28 in PE32.
        var imageBaseAt = optional + (is64 ? 24 : 28);
        var preferredBase = is64 ? BinaryPrimitives.ReadUInt64LittleEndian(h[imageBaseAt..]) : BinaryPrimitives.ReadUInt32LittleEndian(h[imageBaseAt..]);
        var layout = new PeFileAlignment(SizeOfHeaders: BinaryPrimitives.ReadUInt32LittleEndian(h[(optional + 60)..]),
            FileAlignment: BinaryPrimitives.ReadUInt32LittleEndian(h[(optional + 36)..]), SectionAlignment: BinaryPrimitives.ReadUInt32LittleEndian(h[(optional + 32)..]),
            ImageBase: preferredBase, ImageBaseOffset: imageBaseAt);
        var countAt = optional + (is64 ? 108 : 92);
        var directoriesAt = countAt + 4;
        var directoryCount = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(h[countAt..]), 16);
        directoryCount = Math.Max(0, Math.Min(directoryCount, (optional + optionalSize - directoriesAt) / 8));
        var directories = new PeDataDirectory[directoryCount];
        for (var i = 0; i < directoryCount; i++)
            directories[i] = new PeDataDirectory(BinaryPrimitives.ReadUInt32LittleEndian(h[(directoriesAt + i * 8)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[(directoriesAt + i * 8 + 4)..]));
        var sectionsAt = optional + optionalSize;
        if (sectionCount > MaxSections || sectionsAt + sectionCount * 40 > HeaderBytes)
            return Fail(out why, $"{sectionCount} section headers do not fit the header page");
        var sections = new PeSection[sectionCount];
        for (var i = 0; i < sectionCount; i++)
        {
            var s = h.Slice(sectionsAt + i * 40, 40);
            var name = Encoding.ASCII.GetString(s[..8]).TrimEnd('\0');
            sections[i] = new PeSection(name, BinaryPrimitives.ReadUInt32LittleEndian(s[12..]), BinaryPrimitives.ReadUInt32LittleEndian(s[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(s[36..]), BinaryPrimitives.ReadUInt32LittleEndian(s[20..]), BinaryPrimitives.ReadUInt32LittleEndian(s[16..]));
        }
        why = null;
        return new PeImageView(reader, imageBase, machine, timeDateStamp, sizeOfImage, is64, sections, directories, layout);
    }

    /// <summary>The first RSDS CodeView record of the debug directory, or null with the reason.</summary>
    public CodeViewRecord? ReadCodeView(out string? why)
    {
        var debug = Directory(PeDataDirectory.Debug);
        if (debug.Rva == 0 || debug.Size < DebugEntrySize) return FailRecord(out why, "no debug directory");
        if (!Inside(debug.Rva, debug.Size)) return FailRecord(out why, $"debug directory 0x{debug.Rva:X}+0x{debug.Size:X} lies outside the image");
        var count = (int)Math.Min(debug.Size / DebugEntrySize, MaxDebugEntries);
        var entries = new byte[count * DebugEntrySize];
        if (!TryReadRva(debug.Rva, entries, out var reason)) return FailRecord(out why, $"debug directory unreadable: {reason}");
        for (var i = 0; i < count; i++)
        {
            var e = entries.AsSpan(i * DebugEntrySize, DebugEntrySize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(e[12..]) != CodeViewType) continue;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(e[16..]);
            var rva = BinaryPrimitives.ReadUInt32LittleEndian(e[20..]);
            if (rva == 0 || size < 25 || !Inside(rva, size)) return FailRecord(out why, $"CodeView entry 0x{rva:X}+0x{size:X} is not inside the image");
            var record = new byte[Math.Min(size, MaxCodeViewBytes)];
            if (!TryReadRva(rva, record, out reason)) return FailRecord(out why, $"CodeView record unreadable: {reason}");
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != 0x5344_5352) return FailRecord(out why, "CodeView record is not RSDS");
            var nameBytes = record.AsSpan(24);
            var end = nameBytes.IndexOf((byte)0);
            if (end <= 0) return FailRecord(out why, "RSDS PDB name is empty or unterminated");
            why = null;
            return new CodeViewRecord(Encoding.UTF8.GetString(nameBytes[..end]), new Guid(record.AsSpan(4, 16)),
                BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(20)));
        }
        return FailRecord(out why, "no CodeView entry in the debug directory");
    }

    /// <summary>Exported names and their RVAs (forwarders left out), or an empty map with the reason.</summary>
    public IReadOnlyDictionary<string, uint> ReadExports(out string? why)
    {
        var none = new Dictionary<string, uint>(StringComparer.Ordinal);
        var export = Directory(PeDataDirectory.Export);
        if (export.Rva == 0 || export.Size < 40) return Fail(none, out why, "no export directory");
        if (!Inside(export.Rva, export.Size) || export.Size > MaxExportBlock) return Fail(none, out why, $"export directory 0x{export.Rva:X}+0x{export.Size:X} lies outside the image");
        var block = new byte[export.Size];
        if (!TryReadRva(export.Rva, block, out var reason)) return Fail(none, out why, $"export directory unreadable: {reason}");
        var d = block.AsSpan();
        var functionCount = BinaryPrimitives.ReadUInt32LittleEndian(d[0x14..]);
        var nameCount = BinaryPrimitives.ReadUInt32LittleEndian(d[0x18..]);
        if (functionCount > MaxExports || nameCount > MaxExports) return Fail(none, out why, $"{functionCount} functions / {nameCount} names exceed {MaxExports}");
        var functions = new byte[functionCount * 4];
        var names = new byte[nameCount * 4];
        var ordinals = new byte[nameCount * 2];
        if (!ReadArray(BinaryPrimitives.ReadUInt32LittleEndian(d[0x1C..]), functions, block, export.Rva, out reason)
            || !ReadArray(BinaryPrimitives.ReadUInt32LittleEndian(d[0x20..]), names, block, export.Rva, out reason)
            || !ReadArray(BinaryPrimitives.ReadUInt32LittleEndian(d[0x24..]), ordinals, block, export.Rva, out reason))
            return Fail(none, out why, $"export arrays unreadable: {reason}");
        var result = new Dictionary<string, uint>((int)nameCount, StringComparer.Ordinal);
        Span<byte> nameBuffer = stackalloc byte[MaxNameLength];
        for (var i = 0; i < nameCount; i++)
        {
            var ordinal = BinaryPrimitives.ReadUInt16LittleEndian(ordinals.AsSpan(i * 2));
            if (ordinal >= functionCount) continue;
            var rva = BinaryPrimitives.ReadUInt32LittleEndian(functions.AsSpan(ordinal * 4));
            if (rva == 0 || rva >= SizeOfImage || (rva >= export.Rva && rva - export.Rva < export.Size)) continue;
            if (ReadName(BinaryPrimitives.ReadUInt32LittleEndian(names.AsSpan(i * 4)), block, export.Rva, nameBuffer) is { } name)
                result.TryAdd(name, rva);
        }
        why = null;
        return result;
    }

    public bool TryReadRva(uint rva, Span<byte> destination, out string? why)
    {
        if (!Inside(rva, (uint)destination.Length))
        {
            why = $"RVA 0x{rva:X}+0x{destination.Length:X} lies outside the image (SizeOfImage 0x{SizeOfImage:X})";
            return false;
        }
        return _reader.TryRead(Base + rva, destination, out why);
    }

    private bool Inside(uint rva, uint size) => (ulong)rva + size <= SizeOfImage;

    /// <summary>Copies from the export block when the array lies in it (the usual layout), else reads it from the image.</summary>
    private bool ReadArray(uint rva, byte[] destination, byte[] block, uint blockRva, out string? why)
    {
        why = null;
        if (destination.Length == 0) return true;
        if (rva >= blockRva && (ulong)(rva - blockRva) + (ulong)destination.Length <= (ulong)block.Length)
        {
            block.AsSpan((int)(rva - blockRva), destination.Length).CopyTo(destination);
            return true;
        }
        return TryReadRva(rva, destination, out why);
    }

    private string? ReadName(uint rva, byte[] block, uint blockRva, Span<byte> buffer)
    {
        ReadOnlySpan<byte> bytes;
        if (rva >= blockRva && rva - blockRva < block.Length)
        {
            bytes = block.AsSpan((int)(rva - blockRva));
            if (bytes.Length > buffer.Length) bytes = bytes[..buffer.Length];
        }
        else
        {
            var n = (int)Math.Min(buffer.Length, Math.Max(0, (long)SizeOfImage - rva));
            if (n == 0 || !TryReadRva(rva, buffer[..n], out _)) return null;
            bytes = buffer[..n];
        }
        var end = bytes.IndexOf((byte)0);
        return end <= 0 ? null : Encoding.ASCII.GetString(bytes[..end]);
    }

    private static T? Fail<T>(out string? why, string reason) where T : class
    {
        why = reason;
        return null;
    }

    private static PeImageView? Fail(out string? why, string reason) => Fail<PeImageView>(out why, reason);

    private static CodeViewRecord? FailRecord(out string? why, string reason) => Fail<CodeViewRecord>(out why, reason);

    private static IReadOnlyDictionary<string, uint> Fail(Dictionary<string, uint> none, out string? why, string reason)
    {
        why = reason;
        return none;
    }
}
