using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Modules;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// ModuleListStream: NumberOfModules, then a 108-byte MINIDUMP_MODULE per image (BaseOfImage, SizeOfImage, CheckSum,
/// TimeDateStamp, ModuleNameRva, VersionInfo, CvRecord, MiscRecord, two reserved quadwords). VersionInfo is the
/// VS_FIXEDFILEINFO of the image's version resource, zero when it has none. Names are
/// MINIDUMP_STRINGs; each CodeView record gets a slot of the largest size the PE reader accepts, so placing the list
/// needs only the names, and the headers are read when the stream is written.
/// </summary>
internal sealed class ModuleListStream(IReadOnlyList<LoadedImage> images, Func<LoadedImage, PeImageView?> headers) : IMinidumpStream
{
    public const int EntrySize = 108;

    /// <summary>MINIDUMP_MODULE.VersionInfo: 52 bytes after BaseOfImage, SizeOfImage, CheckSum, TimeDateStamp and ModuleNameRva.</summary>
    private const int VersionInfoOffset = 24;

    /// <summary>CV_INFO_PDB70: "RSDS", the GUID, the age, the PDB name (at most 259 bytes here) and its NUL.</summary>
    private const int CodeViewHeader = 24;
    private const int CodeViewSlot = CodeViewHeader + 260;

    private readonly MinidumpLocation[] _names = new MinidumpLocation[images.Count];
    private readonly MinidumpLocation[] _codeViews = new MinidumpLocation[images.Count];

    public uint Type => MinidumpStreamType.ModuleList;
    public MinidumpLocation Location { get; private set; }

    public static string NameOf(LoadedImage image) => image.DiskPath ?? image.Name;

    public void Place(PrefixAllocator allocator)
    {
        Location = allocator.Place(4 + (long)EntrySize * images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            _names[i] = allocator.Place(MinidumpWriter.StringSize(NameOf(images[i])));
            _codeViews[i] = allocator.Place(CodeViewSlot);
        }
    }

    public void Write(MinidumpWriter writer)
    {
        writer.U32(Location.Rva, (uint)images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            var pe = headers(image);
            var at = Location.Rva + 4L + (long)EntrySize * i;
            writer.U64(at, image.Base);
            writer.U32(at + 8, pe?.SizeOfImage ?? image.Size ?? (uint)Math.Min(uint.MaxValue, image.Vad is { } v ? v.End - v.Start + 1 : 0));
            writer.U32(at + 12, pe?.CheckSum ?? 0);
            writer.U32(at + 16, pe?.TimeDateStamp ?? 0);
            writer.U32(at + 20, _names[i].Rva);
            writer.String(_names[i].Rva, NameOf(image));
            if (pe is not null && VersionResource.FixedFileInfo(pe, out _) is { } version) writer.Raw(at + VersionInfoOffset, version);
            writer.Location(at + 76, pe?.ReadCodeView(out _) is { } cv ? WriteCodeView(writer, _codeViews[i].Rva, cv) : MinidumpLocation.None);
        }
    }

    private static MinidumpLocation WriteCodeView(MinidumpWriter writer, uint rva, CodeViewRecord record)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(record.PdbName);
        if (name.Length > CodeViewSlot - CodeViewHeader - 1) name = name[..(CodeViewSlot - CodeViewHeader - 1)];
        writer.U32(rva, CodeViewRecord.RsdsSignature);
        writer.Raw(rva + 4, record.Guid.ToByteArray());
        writer.U32(rva + 20, record.Age);
        writer.Raw(rva + CodeViewHeader, name);
        writer.U8(rva + CodeViewHeader + name.Length, 0);
        return new MinidumpLocation((uint)(CodeViewHeader + name.Length + 1), rva);
    }
}
