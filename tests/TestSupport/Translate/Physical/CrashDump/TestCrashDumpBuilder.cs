using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>
/// Writes small crash dumps following the DUMP_HEADER64/32, SUMMARY_DUMP and TRIAGE_DUMP64 layouts. Every
/// 8-byte word of a stored page holds its own physical address, so any read can be checked with
/// <see cref="ExpectedByte"/>.
/// </summary>
internal sealed class TestCrashDumpBuilder
{
    public const int PageSize = 0x1000;
    public const ulong Dtb = 0x1AD002;
    public const ulong PsActiveProcessHead = 0xFFFFF8047C61E200;
    public const ulong PsLoadedModuleList = 0xFFFFF8047C62A390;
    public const ulong KdDebuggerDataBlock = 0xFFFFF8047C600B20;
    public const ulong PfnDataBase = 0xFFFFF8047C6FC500;
    public const uint Build = 19041;
    public const uint Dtb32 = 0x39000;
    public const uint PsActiveProcessHead32 = 0x8055A158;
    public const uint PsLoadedModuleList32 = 0x8055C620;
    public const uint KdDebuggerDataBlock32 = 0x80545AE0;

    private readonly byte[] _header;

    private TestCrashDumpBuilder(bool is64, uint dumpType)
    {
        Is64 = is64;
        _header = new byte[is64 ? 0x2000 : 0x1000];
        for (var i = 0; i < _header.Length; i += 4) "PAGE"u8.CopyTo(_header.AsSpan(i));
        (is64 ? "DU64"u8 : "DUMP"u8).CopyTo(_header.AsSpan(4));
        U32(0x8, 0xF);
        U32(0xC, Build);
        if (is64)
        {
            U64(0x10, Dtb);
            U64(0x18, PfnDataBase);
            U64(0x20, PsLoadedModuleList);
            U64(0x28, PsActiveProcessHead);
            U64(0x80, KdDebuggerDataBlock);
            U32(0x30, 0x8664);
            U32(0x34, 4);
            U32(0x38, 0x1000007E);
            for (var i = 0; i < 4; i++) U64(0x40 + 8 * i, 0x1111UL * (ulong)(i + 1));
            U32(0xF98, dumpType);
            U64(0xFA8, 0x01D707F23DBB3399);
            Encoding.ASCII.GetBytes("test dump\0").CopyTo(_header, 0xFB0);
        }
        else
        {
            U32(0x10, Dtb32);
            U32(0x14, 0x81000000);
            U32(0x18, PsLoadedModuleList32);
            U32(0x1C, PsActiveProcessHead32);
            U32(0x60, KdDebuggerDataBlock32);
            U32(0x20, 0x14C);
            U32(0x24, 2);
            U32(0x28, 0x1000007E);
            _header[0x5C] = 1;
            U32(0xF88, dumpType);
            U64(0xFC0, 0x01D707F23DBB3399);
        }
    }

    public bool Is64 { get; }
    public int HeaderSize => _header.Length;

    public static TestCrashDumpBuilder Dump64(uint dumpType) => new(true, dumpType);
    public static TestCrashDumpBuilder Dump32(uint dumpType) => new(false, dumpType);

    public TestCrashDumpBuilder U32(int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(offset), value);
        return this;
    }

    public TestCrashDumpBuilder U64(int offset, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_header.AsSpan(offset), value);
        return this;
    }

    /// <summary>The byte a test-built page holds at physical <paramref name="address"/>.</summary>
    public static byte ExpectedByte(long address) => (byte)((ulong)(address & ~7L) >> (int)(8 * (address & 7)));

    public static void WritePage(Span<byte> destination, long pageFrame)
    {
        for (var i = 0; i < PageSize; i += 8)
            BinaryPrimitives.WriteInt64LittleEndian(destination[i..], pageFrame * PageSize + i);
    }

    /// <summary>A full dump (DumpType 1): the run list in PhysicalMemoryBlock, pages back to back after the header.</summary>
    public byte[] Full(params (ulong BasePage, ulong PageCount)[] runs)
    {
        var pages = runs.Aggregate(0UL, (n, r) => n + r.PageCount);
        U32(Is64 ? 0x88 : 0x64, (uint)runs.Length);
        if (Is64) U64(0x90, pages);
        else U32(0x68, (uint)pages);
        for (var i = 0; i < runs.Length; i++)
        {
            if (Is64) U64(0x98 + 16 * i, runs[i].BasePage).U64(0xA0 + 16 * i, runs[i].PageCount);
            else U32(0x6C + 8 * i, (uint)runs[i].BasePage).U32(0x70 + 8 * i, (uint)runs[i].PageCount);
        }
        var file = new byte[HeaderSize + (long)pages * PageSize];
        _header.CopyTo(file, 0);
        var at = HeaderSize;
        foreach (var (basePage, count) in runs)
            for (var p = 0UL; p < count; p++, at += PageSize)
                WritePage(file.AsSpan(at, PageSize), (long)(basePage + p));
        return file;
    }

    /// <summary>
    /// A bitmap dump: SUMMARY_DUMP after the header, a bitmap of <paramref name="bitmapSize"/> bits with
    /// <paramref name="present"/> set, the pages after it from a page-aligned HeaderSize.
    /// </summary>
    public byte[] Bitmap(string signature, long bitmapSize, IReadOnlyCollection<long> present, ulong? pagesField = null)
    {
        var summary = HeaderSize;
        var bitmapBytes = (int)((bitmapSize + 7) / 8);
        var firstPage = (summary + 0x38 + bitmapBytes + PageSize - 1) / PageSize * PageSize;
        var sorted = present.Order().ToArray();
        var file = new byte[firstPage + (long)sorted.Length * PageSize];
        _header.CopyTo(file, 0);
        var s = file.AsSpan(summary);
        Encoding.ASCII.GetBytes(signature + "DUMP").CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], 0x1234);
        BinaryPrimitives.WriteUInt64LittleEndian(s[0x20..], (ulong)firstPage);
        BinaryPrimitives.WriteUInt64LittleEndian(s[0x28..], pagesField ?? (ulong)sorted.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(s[0x30..], (ulong)bitmapSize);
        for (var i = 0; i < sorted.Length; i++)
        {
            s[0x38 + (int)(sorted[i] / 8)] |= (byte)(1 << (int)(sorted[i] % 8));
            WritePage(file.AsSpan(firstPage + i * PageSize, PageSize), sorted[i]);
        }
        return file;
    }

    /// <summary>A triage dump (DumpType 4, 64-bit): TRIAGE_DUMP64, driver list, string pool and a KDBG copy.</summary>
    public byte[] Triage(IReadOnlyList<(string Path, ulong Base, uint Size, uint TimeDateStamp)> drivers, ulong? kernBase)
    {
        const int triage = 0x2000, kdbg = 0x2100, driverList = 0x2200;
        var stringPool = driverList + drivers.Count * 0x90;
        var names = new MemoryStream();
        var nameOffsets = new List<int>();
        foreach (var d in drivers)
        {
            nameOffsets.Add(stringPool + (int)names.Length);
            var text = Encoding.Unicode.GetBytes(d.Path + "\0");
            names.Write(BitConverter.GetBytes(d.Path.Length));
            names.Write(text);
            while (names.Length % 8 != 0) names.WriteByte(0);
        }
        var file = new byte[stringPool + names.Length];
        _header.CopyTo(file, 0);
        var t = file.AsSpan(triage);
        BinaryPrimitives.WriteUInt32LittleEndian(t[0x4..], (uint)file.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(t[0x30..], driverList);
        BinaryPrimitives.WriteUInt32LittleEndian(t[0x34..], (uint)drivers.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(t[0x38..], (uint)stringPool);
        BinaryPrimitives.WriteUInt32LittleEndian(t[0x3C..], (uint)names.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(t[0x48..], 0xFFFF850429890EE8);
        if (kernBase is { } kb)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(t[0x70..], kdbg);
            BinaryPrimitives.WriteUInt32LittleEndian(t[0x74..], 0x380);
            var k = file.AsSpan(kdbg);
            "KDBG"u8.CopyTo(k[0x10..]);
            BinaryPrimitives.WriteUInt32LittleEndian(k[0x14..], 0x380);
            BinaryPrimitives.WriteUInt64LittleEndian(k[0x18..], kb);
            BinaryPrimitives.WriteUInt64LittleEndian(k[0x48..], PsLoadedModuleList);
            BinaryPrimitives.WriteUInt64LittleEndian(k[0x50..], PsActiveProcessHead);
        }
        for (var i = 0; i < drivers.Count; i++)
        {
            var e = file.AsSpan(driverList + i * 0x90, 0x90);
            BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)nameOffsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(e[0x38..], drivers[i].Base);
            BinaryPrimitives.WriteUInt32LittleEndian(e[0x48..], drivers[i].Size);
            BinaryPrimitives.WriteUInt32LittleEndian(e[0x88..], drivers[i].TimeDateStamp);
        }
        names.ToArray().CopyTo(file, stringPool);
        return file;
    }
}
