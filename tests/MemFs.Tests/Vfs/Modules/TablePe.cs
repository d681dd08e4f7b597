using System.Buffers.Binary;
using System.Text;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;

namespace MemFs.Tests.Vfs.Modules;

/// <summary>
/// A four-page PE32+ image written by the test from the PE format: headers, .text (R-X), .rdata (R--: export
/// directory, import descriptors, lookup tables, names) and .data (RW-: the IATs). Exports are code RVAs in .text or
/// forwarder strings; each import's IAT slot RVA is returned so the test can bind it to whatever it wants. With a
/// <see cref="TablePeIdentity"/>, .rdata's last kilobyte holds a debug directory with its RSDS record and a resource
/// directory (RT_VERSION, one name, one language) with a VS_VERSIONINFO that has only its VS_FIXEDFILEINFO.
/// </summary>
internal static class TablePe
{
    public const int Page = 4096;
    public const int SizeOfImage = 4 * Page;
    public const uint TextRva = 0x1000;
    private const int ExportRva = 0x2000;
    private const int ImportRva = 0x2800;
    private const int IatRva = 0x3000;
    private const uint DebugRva = 0x2C00;
    private const uint CodeViewRva = 0x2C40;
    private const int ResourceRva = 0x2D00;

    public sealed record Export(string Name, uint Rva, string? Forwarder = null);

    /// <returns>The image bytes and the RVA of each imported function's IAT slot, by "dll!function".</returns>
    public static (byte[] Image, Dictionary<string, uint> Slots) Build(string name, ulong imageBase, IReadOnlyList<Export> exports,
        IReadOnlyList<(string Dll, string[] Functions)> imports, TablePeIdentity? identity = null)
    {
        var image = new byte[SizeOfImage];
        var s = image.AsSpan();
        "MZ"u8.CopyTo(s);
        const int lfanew = 0x80;
        BinaryPrimitives.WriteInt32LittleEndian(s[0x3C..], lfanew);
        "PE\0\0"u8.CopyTo(s[lfanew..]);
        const int file = lfanew + 4;
        BinaryPrimitives.WriteUInt16LittleEndian(s[file..], 0x8664);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 2)..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 16)..], 0xF0);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 18)..], 0x2022);
        const int optional = file + 20;
        BinaryPrimitives.WriteUInt16LittleEndian(s[optional..], 0x20B);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(optional + 24)..], imageBase);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 32)..], Page);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 36)..], Page);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 56)..], SizeOfImage);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 60)..], Page);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 108)..], 16);
        (string Name, uint Rva, uint Flags)[] sections = [(".text", TextRva, 0x6000_0020), (".rdata", 0x2000, 0x4000_0040), (".data", 0x3000, 0xC000_0040)];
        for (var i = 0; i < sections.Length; i++)
        {
            var h = s.Slice(optional + 0xF0 + i * 40, 40);
            Encoding.ASCII.GetBytes(sections[i].Name).CopyTo(h);
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], Page);
            BinaryPrimitives.WriteUInt32LittleEndian(h[12..], sections[i].Rva);
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], Page);
            BinaryPrimitives.WriteUInt32LittleEndian(h[20..], sections[i].Rva);
            BinaryPrimitives.WriteUInt32LittleEndian(h[36..], sections[i].Flags);
        }
        s.Slice((int)TextRva, Page).Fill(0xCC);

        if (exports.Count > 0)
        {
            var at = ExportRva + 40;
            int Put(string text)
            {
                var start = at;
                at += Encoding.ASCII.GetBytes(text, image.AsSpan(at)) + 1;
                return start;
            }
            var dllName = Put(name);
            var functions = at;
            at += exports.Count * 4;
            var names = at;
            at += exports.Count * 4;
            var ordinals = at;
            at += exports.Count * 2;
            var sorted = exports.Select((e, i) => (e, i)).OrderBy(x => x.e.Name, StringComparer.Ordinal).ToList();
            for (var i = 0; i < exports.Count; i++)
            {
                var rva = exports[i].Forwarder is { } forwarder ? (uint)Put(forwarder) : exports[i].Rva;
                BinaryPrimitives.WriteUInt32LittleEndian(s[(functions + i * 4)..], rva);
            }
            for (var j = 0; j < sorted.Count; j++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(s[(names + j * 4)..], (uint)Put(sorted[j].e.Name));
                BinaryPrimitives.WriteUInt16LittleEndian(s[(ordinals + j * 2)..], (ushort)sorted[j].i);
            }
            var d = s[ExportRva..];
            BinaryPrimitives.WriteUInt32LittleEndian(d[0x0C..], (uint)dllName);
            BinaryPrimitives.WriteUInt32LittleEndian(d[0x10..], 1);
            BinaryPrimitives.WriteUInt32LittleEndian(d[0x14..], (uint)exports.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(d[0x18..], (uint)exports.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(d[0x1C..], (uint)functions);
            BinaryPrimitives.WriteUInt32LittleEndian(d[0x20..], (uint)names);
            BinaryPrimitives.WriteUInt32LittleEndian(d[0x24..], (uint)ordinals);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 112)..], ExportRva);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 116)..], (uint)(at - ExportRva));
        }

        var slots = new Dictionary<string, uint>();
        if (imports.Count > 0)
        {
            var at = ImportRva + (imports.Count + 1) * 20;
            var iat = IatRva;
            for (var m = 0; m < imports.Count; m++)
            {
                var (dll, functionNames) = imports[m];
                var lookup = at;
                at += (functionNames.Length + 1) * 8;
                var descriptor = s.Slice(ImportRva + m * 20, 20);
                BinaryPrimitives.WriteUInt32LittleEndian(descriptor, (uint)lookup);
                BinaryPrimitives.WriteUInt32LittleEndian(descriptor[16..], (uint)iat);
                for (var f = 0; f < functionNames.Length; f++)
                {
                    var hintName = at;
                    at += 2 + Encoding.ASCII.GetBytes(functionNames[f], s[(at + 2)..]) + 1;
                    at = (at + 1) & ~1;
                    BinaryPrimitives.WriteUInt64LittleEndian(s[(lookup + f * 8)..], (ulong)hintName);
                    BinaryPrimitives.WriteUInt64LittleEndian(s[(iat + f * 8)..], (ulong)hintName);
                    slots[$"{dll}!{functionNames[f]}"] = (uint)(iat + f * 8);
                }
                iat += (functionNames.Length + 1) * 8;
                BinaryPrimitives.WriteUInt32LittleEndian(descriptor[12..], (uint)at);
                at += Encoding.ASCII.GetBytes(dll, s[at..]) + 1;
            }
            BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 120)..], ImportRva);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 124)..], (uint)((imports.Count + 1) * 20));
        }
        if (identity is not null) WriteIdentity(s, optional, identity);
        return (image, slots);
    }

    /// <summary>Maps <paramref name="image"/>'s pages at <paramref name="at"/> by valid PTEs and adds its image VAD, which names <paramref name="path"/>.</summary>
    public static void Map(TestWindowsImage memory, TestWindowsSystem.BuiltProcess process, byte[] image, ulong at, string path)
    {
        for (var page = 0; page < SizeOfImage / Page; page++)
            memory.SetPte(at + (ulong)(page * Page), TestWindowsImage.Valid(memory.FrameWith(image.AsSpan(page * Page, Page))));
        process.Vads.Add(new VadDescriptor(at, at + SizeOfImage - 1, false, false, 7, 0, 0, 0, path, Kind: "Vad VadImageMap"));
    }

    private static void WriteIdentity(Span<byte> s, int optional, TablePeIdentity identity)
    {
        TestPeImage.WriteDebug(s, DebugRva, CodeViewRva, identity.PdbName, identity.Guid, identity.Age);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 112 + 6 * 8)..], DebugRva);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 112 + 6 * 8 + 4)..], 28);

        // Three IMAGE_RESOURCE_DIRECTORYs of one id entry each (type RT_VERSION = 16, name 1, language 0x409), each
        // entry's high bit marking a subdirectory, then the IMAGE_RESOURCE_DATA_ENTRY (RVA, size) of VS_VERSIONINFO.
        const int leaf = 0x48, version = 0x60;
        (uint Id, uint Next)[] levels = [(16, 0x8000_0018), (1, 0x8000_0030), (0x409, leaf)];
        for (var level = 0; level < levels.Length; level++)
        {
            var directory = s[(ResourceRva + level * 0x18)..];
            BinaryPrimitives.WriteUInt16LittleEndian(directory[14..], 1);
            BinaryPrimitives.WriteUInt32LittleEndian(directory[16..], levels[level].Id);
            BinaryPrimitives.WriteUInt32LittleEndian(directory[20..], levels[level].Next);
        }
        // VS_VERSIONINFO: wLength, wValueLength (52), wType (0), L"VS_VERSION_INFO\0" (38 bytes to 0x26), padding to
        // 0x28, the VS_FIXEDFILEINFO, and no StringFileInfo.
        var info = s[(ResourceRva + version)..];
        const int fixedAt = 0x28, length = fixedAt + 52;
        BinaryPrimitives.WriteUInt16LittleEndian(info, length);
        BinaryPrimitives.WriteUInt16LittleEndian(info[2..], 52);
        Encoding.Unicode.GetBytes("VS_VERSION_INFO").CopyTo(info[6..]);
        for (var i = 0; i < 13; i++) BinaryPrimitives.WriteUInt32LittleEndian(info[(fixedAt + i * 4)..], identity.FixedFileInfo[i]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(ResourceRva + leaf)..], ResourceRva + version);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(ResourceRva + leaf + 4)..], length);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 112 + 2 * 8)..], ResourceRva);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 112 + 2 * 8 + 4)..], version + length);
    }
}
