using System.Buffers.Binary;
using System.Text;
using MemFs.Aff4.Binary;
using MemFs.Translate.Physical;

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
    private const int MaxDataDirectories = 16;
    private const int MinCodeViewBytes = 25;
    private const int MaxCodeViewBytes = 24 + 260;

    // IMAGE_DOS_HEADER, the "PE\0\0" signature at e_lfanew, then IMAGE_FILE_HEADER and the optional header
    // (PE format, "MS-DOS Stub", "COFF File Header", "Optional Header Standard Fields").
    private const ushort MzSignature = 0x5A4D;
    private const uint PeSignature = 0x0000_4550;
    private const int DosHeaderSize = 0x40;
    private const int DosMagic = 0;
    private const int DosLfanew = 0x3C;
    private const int FileHeaderSize = 20;
    private const int MachineField = 0;
    private const int NumberOfSectionsField = 2;
    private const int TimeDateStampField = 4;
    private const int SizeOfOptionalHeaderField = 16;
    private const int MinOptionalHeaderSize = 96;
    private const ushort Pe32Magic = 0x10B;
    private const ushort Pe32PlusMagic = 0x20B;
    private const int OptionalMagic = 0;
    private const int SizeOfImageField = 56;
    private const int CheckSumField = 64;
    private const int NumberOfRvaAndSizes32 = 92;
    private const int NumberOfRvaAndSizes64 = 108;

    private readonly IKernelReader _reader;

    private PeImageView(IKernelReader reader, ulong imageBase, ushort machine, uint timeDateStamp, uint sizeOfImage, uint checkSum, bool is64,
        IReadOnlyList<PeSection> sections, IReadOnlyList<PeDataDirectory> directories, PeFileAlignment file)
    {
        _reader = reader;
        Base = imageBase;
        Machine = machine;
        TimeDateStamp = timeDateStamp;
        SizeOfImage = sizeOfImage;
        CheckSum = checkSum;
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

    /// <summary>The optional header's CheckSum (0 in most user-mode images: the linker sets it only when asked).</summary>
    public uint CheckSum { get; }
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
        try
        {
            return Parse(reader, imageBase, ImageReader.Over(page.AsSpan(0, HeaderBytes), ImageName(imageBase), 0, "PE header page"), out why);
        }
        catch (ImageFormatException e)
        {
            return Fail(out why, e.Message);
        }
    }

    private static PeImageView? Parse(IKernelReader reader, ulong imageBase, BoundedReader page, out string? why)
    {
        var dos = page.Slice(0, DosHeaderSize, "IMAGE_DOS_HEADER");
        if (dos.U16(DosMagic, "e_magic") != MzSignature) return Fail(out why, "no MZ signature");
        var lfanew = dos.I32(DosLfanew, "e_lfanew");
        if (lfanew < DosHeaderSize || lfanew > MaxLfanew) return Fail(out why, $"e_lfanew 0x{lfanew:X} outside [0x40, 0x{MaxLfanew:X}]");
        if (page.U32(lfanew, "Signature") != PeSignature) return Fail(out why, $"no PE signature at e_lfanew 0x{lfanew:X}");
        var fileHeader = page.Slice(lfanew + 4, FileHeaderSize, "IMAGE_FILE_HEADER");
        var machine = fileHeader.U16(MachineField, "Machine");
        var sectionCount = fileHeader.U16(NumberOfSectionsField, "NumberOfSections");
        var timeDateStamp = fileHeader.U32(TimeDateStampField, "TimeDateStamp");
        var optionalSize = fileHeader.U16(SizeOfOptionalHeaderField, "SizeOfOptionalHeader");
        var optionalAt = lfanew + 4 + FileHeaderSize;
        if (optionalAt + optionalSize > HeaderBytes || optionalSize < MinOptionalHeaderSize)
            return Fail(out why, $"SizeOfOptionalHeader 0x{optionalSize:X} does not fit the header page");
        var optional = page.Slice(optionalAt, optionalSize, "IMAGE_OPTIONAL_HEADER");
        var magic = optional.U16(OptionalMagic, "Magic");
        if (magic is not (Pe32PlusMagic or Pe32Magic)) return Fail(out why, $"optional header magic 0x{magic:X} is neither PE32 nor PE32+");
        var is64 = magic == Pe32PlusMagic;
        var sizeOfImage = optional.U32(SizeOfImageField, "SizeOfImage");
        if (sizeOfImage == 0 || sizeOfImage > MaxImageSize) return Fail(out why, $"SizeOfImage 0x{sizeOfImage:X} is implausible");
        var checkSum = optional.U32(CheckSumField, "CheckSum");
        var layout = PeFileAlignment.Read(optional, is64);
        var directories = ReadDirectories(optional, is64 ? NumberOfRvaAndSizes64 : NumberOfRvaAndSizes32);
        var sectionsAt = optionalAt + optionalSize;
        if (sectionCount > MaxSections || sectionsAt + sectionCount * PeSection.HeaderSize > HeaderBytes)
            return Fail(out why, $"{sectionCount} section headers do not fit the header page");
        var sections = new PeSection[sectionCount];
        for (var i = 0; i < sectionCount; i++)
            sections[i] = PeSection.Read(page.Slice(sectionsAt + i * PeSection.HeaderSize, PeSection.HeaderSize, "IMAGE_SECTION_HEADER"));
        why = null;
        return new PeImageView(reader, imageBase, machine, timeDateStamp, sizeOfImage, checkSum, is64, sections, directories, layout);
    }

    /// <summary>At most 16 data directories, and only those the optional header holds whatever NumberOfRvaAndSizes says.</summary>
    private static PeDataDirectory[] ReadDirectories(BoundedReader optional, int countAt)
    {
        var directoriesAt = countAt + 4;
        var declared = optional.Holds(countAt, 4) ? Math.Min(optional.U32(countAt, "NumberOfRvaAndSizes"), MaxDataDirectories) : 0;
        var count = (int)Math.Max(0, Math.Min(declared, (optional.Length - directoriesAt) / PeDataDirectory.EntrySize));
        var directories = new PeDataDirectory[count];
        for (var i = 0; i < count; i++) directories[i] = PeDataDirectory.Read(optional, directoriesAt + i * PeDataDirectory.EntrySize);
        return directories;
    }

    /// <summary>The first RSDS CodeView record of the debug directory, or null with the reason.</summary>
    public CodeViewRecord? ReadCodeView(out string? why)
    {
        var debug = Directory(PeDataDirectory.Debug);
        if (debug.Rva == 0 || debug.Size < PeDebugEntry.EntrySize) return FailRecord(out why, "no debug directory");
        if (!Inside(debug.Rva, debug.Size)) return FailRecord(out why, $"debug directory 0x{debug.Rva:X}+0x{debug.Size:X} lies outside the image");
        var count = (int)Math.Min(debug.Size / PeDebugEntry.EntrySize, MaxDebugEntries);
        var entries = new byte[count * PeDebugEntry.EntrySize];
        if (!TryReadRva(debug.Rva, entries, out var reason)) return FailRecord(out why, $"debug directory unreadable: {reason}");
        try
        {
            var table = ImageReader.Over(entries, ImageName(Base), debug.Rva, "debug directory");
            for (var i = 0; i < count; i++)
            {
                var entry = PeDebugEntry.Read(table.Slice(i * PeDebugEntry.EntrySize, PeDebugEntry.EntrySize, "IMAGE_DEBUG_DIRECTORY"));
                if (entry.Type != PeDebugEntry.CodeView) continue;
                var (size, rva) = (entry.SizeOfData, entry.AddressOfRawData);
                if (rva == 0 || size < MinCodeViewBytes || !Inside(rva, size)) return FailRecord(out why, $"CodeView entry 0x{rva:X}+0x{size:X} is not inside the image");
                var record = new byte[Math.Min(size, MaxCodeViewBytes)];
                if (!TryReadRva(rva, record, out reason)) return FailRecord(out why, $"CodeView record unreadable: {reason}");
                return CodeViewRecord.Read(ImageReader.Over(record, ImageName(Base), rva, "CV_INFO_PDB70"), out why);
            }
        }
        catch (ImageFormatException e)
        {
            return FailRecord(out why, e.Message);
        }
        return FailRecord(out why, "no CodeView entry in the debug directory");
    }

    /// <summary>Exported names and their RVAs (forwarders left out), or an empty map with the reason.</summary>
    public IReadOnlyDictionary<string, uint> ReadExports(out string? why)
    {
        var none = new Dictionary<string, uint>(StringComparer.Ordinal);
        if (PeExportTable.Read(this, out why) is not { } table) return none;
        if (table.Capped is not null) return Fail(none, out why, table.Capped);
        var result = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var export in table.Exports)
            if (export is { Name: { } name, Forwarder: null }) result.TryAdd(name, export.Rva);
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

    /// <summary>What errors call the image: there is no file, and offsets are RVAs.</summary>
    private static string ImageName(ulong imageBase) => $"PE image at 0x{imageBase:X}";

    private bool Inside(uint rva, uint size) => (ulong)rva + size <= SizeOfImage;

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
