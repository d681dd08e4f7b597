using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Translate.Windows.Kernel;

/// <summary>
/// A minimal x64 kernel PE image as the loader maps it: headers, a section table, an export directory (with one
/// forwarder), a debug directory with an RSDS record, and data variables at fixed RVAs; optionally the cache-aligned
/// data section CACHEALI, whose first page the symbol-less SmGlobals discovery scans.
/// </summary>
internal static class TestPeImage
{
    public const uint SizeOfImage = 0x10000;
    public const uint TimeDateStamp = 0x0D8333E6;
    public const uint ExportDirectory = 0x2000;
    public const uint ExportDirectorySize = 0x800;
    public const uint DebugDirectory = 0x3000;
    public const uint CodeView = 0x3100;
    public const uint KeBugCheckEx = 0x1010;
    public const uint PsInitialSystemProcess = 0x4000;
    public const uint PsLoadedModuleList = 0x4100;
    public const uint NtBuildNumber = 0x4200;
    public const uint PsActiveProcessHead = 0x4300;
    /// <summary>Where a test places SM_GLOBALS in .data when a profile names it (0x200 bytes are free there).</summary>
    public const uint SmGlobals = 0x4400;
    /// <summary>Where a test places nt!MmPagingFile (16 pointers) in .data when a profile names it.</summary>
    public const uint MmPagingFile = 0x4600;
    public const string CacheAlignedSection = "CACHEALI";
    public const uint CacheAligned = 0x7000;
    public const string PdbName = "ntkrnlmp.pdb";
    public static readonly Guid PdbGuid = Guid.Parse("5278AFF8-6C34-1677-D7D7-835C85B7B844");
    public const string PdbId = "5278AFF86C341677D7D7835C85B7B8441";

    public static readonly IReadOnlyDictionary<string, uint> Exports = new Dictionary<string, uint>
    {
        ["KeBugCheckEx"] = KeBugCheckEx,
        ["NtBuildNumber"] = NtBuildNumber,
        ["PsInitialSystemProcess"] = PsInitialSystemProcess,
        ["PsLoadedModuleList"] = PsLoadedModuleList,
    };

    public static byte[] Build(bool exportSystemProcess = true, string poolSection = "POOLCODE", string pdbName = PdbName, ushort machine = 0x8664,
        Guid? pdbGuid = null, bool cacheAligned = false)
    {
        var image = new byte[SizeOfImage];
        var s = image.AsSpan();
        s[0] = (byte)'M';
        s[1] = (byte)'Z';
        const int lfanew = 0x100;
        BinaryPrimitives.WriteInt32LittleEndian(s[0x3C..], lfanew);
        "PE\0\0"u8.CopyTo(s[lfanew..]);
        const int file = lfanew + 4;
        string[] sections = cacheAligned ? [".text", ".rdata", ".data", poolSection, "INIT", CacheAlignedSection] : [".text", ".rdata", ".data", poolSection, "INIT"];
        BinaryPrimitives.WriteUInt16LittleEndian(s[file..], machine);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 2)..], (ushort)sections.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(file + 4)..], TimeDateStamp);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 16)..], 0xF0);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 18)..], 0x22);
        const int optional = file + 20;
        BinaryPrimitives.WriteUInt16LittleEndian(s[optional..], 0x20B);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 56)..], SizeOfImage);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 60)..], 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 108)..], 16);
        Directory(s, optional + 112, 0, ExportDirectory, ExportDirectorySize);
        Directory(s, optional + 112, 6, DebugDirectory, 28);
        for (var i = 0; i < sections.Length; i++)
        {
            var h = s.Slice(optional + 0xF0 + i * 40, 40);
            Encoding.ASCII.GetBytes(sections[i]).CopyTo(h);
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], i == 1 ? 0x2000u : 0x1000u);
            BinaryPrimitives.WriteUInt32LittleEndian(h[12..], i == 0 ? 0x1000u : i == 1 ? 0x2000u : (uint)(0x2000 + i * 0x1000));
        }
        WriteExports(s, exportSystemProcess);
        WriteDebug(s, DebugDirectory, CodeView, pdbName, pdbGuid ?? PdbGuid, 1);
        return image;
    }

    private static void Directory(Span<byte> s, int table, int index, uint rva, uint size)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(s[(table + index * 8)..], rva);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(table + index * 8 + 4)..], size);
    }

    private static void WriteExports(Span<byte> s, bool exportSystemProcess)
    {
        var exports = Exports.Where(e => exportSystemProcess || e.Key != "PsInitialSystemProcess")
            .Select(e => (e.Key, e.Value)).Append(("RtlForwarded", ExportDirectory + 0x700)).OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();
        var d = s[(int)ExportDirectory..];
        BinaryPrimitives.WriteUInt32LittleEndian(d[0x0C..], ExportDirectory + 0x100);
        BinaryPrimitives.WriteUInt32LittleEndian(d[0x10..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(d[0x14..], (uint)exports.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(d[0x18..], (uint)exports.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(d[0x1C..], ExportDirectory + 0x200);
        BinaryPrimitives.WriteUInt32LittleEndian(d[0x20..], ExportDirectory + 0x300);
        BinaryPrimitives.WriteUInt32LittleEndian(d[0x24..], ExportDirectory + 0x400);
        "ntoskrnl.exe\0"u8.CopyTo(d[0x100..]);
        "HAL.HalForwarded\0"u8.CopyTo(d[0x700..]);
        var nameAt = 0x500;
        for (var i = 0; i < exports.Count; i++)
        {
            // Functions are stored in reverse so the ordinal table is not the identity.
            var ordinal = exports.Count - 1 - i;
            BinaryPrimitives.WriteUInt32LittleEndian(d[(0x200 + ordinal * 4)..], exports[i].Item2);
            BinaryPrimitives.WriteUInt32LittleEndian(d[(0x300 + i * 4)..], ExportDirectory + (uint)nameAt);
            BinaryPrimitives.WriteUInt16LittleEndian(d[(0x400 + i * 2)..], (ushort)ordinal);
            var bytes = Encoding.ASCII.GetBytes(exports[i].Item1 + "\0");
            bytes.CopyTo(d[nameAt..]);
            nameAt += bytes.Length;
        }
    }

    /// <summary>
    /// An IMAGE_DEBUG_DIRECTORY entry at <paramref name="debugDirectory"/> (Type 2, IMAGE_DEBUG_TYPE_CODEVIEW) pointing
    /// at an RSDS record (CV_INFO_PDB70: signature, GUID, age, NUL-terminated PDB name) at <paramref name="codeView"/>.
    /// </summary>
    internal static void WriteDebug(Span<byte> s, uint debugDirectory, uint codeView, string pdbName, Guid pdbGuid, uint age)
    {
        var name = Encoding.ASCII.GetBytes(pdbName + "\0");
        var entry = s[(int)debugDirectory..];
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], (uint)(24 + name.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(entry[20..], codeView);
        var record = s[(int)codeView..];
        "RSDS"u8.CopyTo(record);
        pdbGuid.ToByteArray().CopyTo(record[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[20..], age);
        name.CopyTo(record[24..]);
    }
}
