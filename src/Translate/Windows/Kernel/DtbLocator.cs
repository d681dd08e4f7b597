using System.Buffers.Binary;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// Finds the kernel's PML4 without symbols (as MemProcFS and Volatility 3 do): the image header's value, the
/// low stub (PROCESSOR_START_BLOCK) in physical [0x1000, 0xA0000), then a scan for self-referencing PML4 pages
/// (first 16 MiB, then up to 1 GiB). The first candidate that translates KUSER_SHARED_DATA to a plausible
/// version wins; every candidate seen is reported with its rule and verdict.
/// </summary>
internal static class DtbLocator
{
    private const long LowStubStart = 0x1000;
    private const long LowStubEnd = 0xA0000;
    private const long FirstScanEnd = 16L << 20;
    private const long WideScanEnd = 1L << 30;
    private const int MaxReported = 64;
    private const int ChunkBytes = 64 << 10;

    public static DtbSearch Locate(IPhysicalMemory memory, ImageFacts facts)
    {
        var candidates = new List<DtbCandidate>();
        var maxPa = memory.Runs.Count == 0 ? 0 : memory.Runs[^1].End;
        ulong? entryHint = null;

        if (facts.DirectoryTableBase is { } raw)
        {
            var flags = raw & 0xFFF;
            var source = $"image header DirectoryTableBase 0x{raw:X} ({memory.Format})" + (flags != 0 ? $", low bits 0x{flags:X} masked" : "");
            var header = Validate(memory, raw & HardwarePageTables.Frame, source, maxPa);
            candidates.Add(header);
            if (header.Validated) return new DtbSearch(candidates, header, null);
        }

        foreach (var (page, stub) in Pages(memory, LowStubStart, LowStubEnd))
        {
            if (!IsLowStub(stub, out var cr3, out var lmTarget)) continue;
            entryHint ??= lmTarget;
            var candidate = Validate(memory, cr3, $"low stub (PROCESSOR_START_BLOCK at physical 0x{page:X}, LmTarget 0x{lmTarget:X})", maxPa);
            candidates.Add(candidate);
            if (candidate.Validated) return new DtbSearch(candidates, candidate, entryHint);
        }

        foreach (var (from, to, name) in new[] { (0L, FirstScanEnd, "0-16 MiB"), (FirstScanEnd, WideScanEnd, "16 MiB-1 GiB") })
        {
            foreach (var (page, bytes) in Pages(memory, from, to))
            {
                var structural = SelfReferenceProblem(bytes, page, maxPa, out var selfIndex);
                if (selfIndex < 0) continue;
                var source = $"self-referencing PML4 scan {name} (entry 0x{selfIndex:X})";
                var candidate = structural is null
                    ? Validate(memory, (ulong)page, source, maxPa)
                    : new DtbCandidate((ulong)page, source, false, structural);
                if (candidate.Validated || candidates.Count < MaxReported) candidates.Add(candidate);
                if (candidate.Validated) return new DtbSearch(candidates, candidate, entryHint);
            }
        }
        return new DtbSearch(candidates, null, entryHint);
    }

    /// <summary>The kernel half maps KUSER_SHARED_DATA to a page with NtMajorVersion 6 or 10 and NtMinorVersion 0-3.</summary>
    public static DtbCandidate Validate(IPhysicalMemory memory, ulong dtb, string foundBy, long maxPa)
    {
        if ((dtb & 0xFFF) != 0 || (long)dtb >= maxPa)
            return new DtbCandidate(dtb, foundBy, false, $"not a page-aligned address below the end of physical memory (0x{maxPa:X})");
        if (!HardwarePageTables.TryTranslate(memory, dtb, KernelSharedData.Address, out var pa, out var why))
            return new DtbCandidate(dtb, foundBy, false, $"KUSER_SHARED_DATA does not translate: {why}");
        var bytes = new byte[KernelSharedData.Length];
        try
        {
            memory.Read(pa, bytes);
        }
        catch (IOException e)
        {
            return new DtbCandidate(dtb, foundBy, false, $"KUSER_SHARED_DATA at physical 0x{pa:X} cannot be read: {e.Message}");
        }
        var shared = KernelSharedData.Parse(bytes);
        return shared.IsPlausibleVersion
            ? new DtbCandidate(dtb, foundBy, true, null)
            : new DtbCandidate(dtb, foundBy, false, $"KUSER_SHARED_DATA at physical 0x{pa:X} gives version {shared.NtMajorVersion}.{shared.NtMinorVersion}");
    }

    /// <summary>MemProcFS's qualification of x64 PML4 pages; <paramref name="selfIndex"/> is -1 when no kernel-half entry points at the page.</summary>
    public static string? SelfReferenceProblem(ReadOnlySpan<byte> page, long address, long maxPa, out int selfIndex)
    {
        selfIndex = -1;
        var selfCount = 0;
        var tables = 0;
        int zeroUser = 0, zeroKernel = 0;
        for (var i = 0; i < 512; i++)
        {
            var e = BinaryPrimitives.ReadUInt64LittleEndian(page[(i * 8)..]);
            if (e == 0)
            {
                if (i < 256) zeroUser++;
                else zeroKernel++;
                continue;
            }
            if (i < 256) continue;
            if ((e & 1) != 0 && (long)(e & HardwarePageTables.Frame) == address)
            {
                selfCount++;
                if (selfIndex < 0) selfIndex = i;
            }
            if ((e & 0x8000_0000_0000_0087) == 3 && (long)(e & HardwarePageTables.Frame) < maxPa) tables++;
        }
        if (selfIndex < 0) return "no self-referencing entry";
        if (selfCount != 1) return $"{selfCount} self-referencing kernel-half entries";
        var self = BinaryPrimitives.ReadUInt64LittleEndian(page[(selfIndex * 8)..]);
        if ((self & 0x0000_FFFF_FFFF_F083) != ((ulong)address | 3)) return $"self entry 0x{self:X} is not present+writable+not-large";
        if (tables < 6) return $"only {tables} kernel-half entries look like supervisor page-directory pointers (6 needed): a sparse dummy PML4";
        if (zeroUser <= 64 || zeroKernel <= 64) return $"too few empty entries ({zeroUser} user, {zeroKernel} kernel; more than 64 each expected)";
        var first = BinaryPrimitives.ReadUInt64LittleEndian(page);
        if ((first & 1) != 0 && (long)(first & HardwarePageTables.Frame) >= maxPa) return $"entry 0 points past physical memory (0x{first:X})";
        return null;
    }

    private static bool IsLowStub(ReadOnlySpan<byte> page, out ulong cr3, out ulong lmTarget)
    {
        var head = BinaryPrimitives.ReadUInt64LittleEndian(page);
        lmTarget = BinaryPrimitives.ReadUInt64LittleEndian(page[0x70..]);
        cr3 = BinaryPrimitives.ReadUInt64LittleEndian(page[0xA0..]);
        return (head & 0xFFFF_FFFF_FFFF_00FF) == 0x0000_0001_0006_00E9
            && (lmTarget & 0xFFFF_F800_0000_0003) == 0xFFFF_F800_0000_0000
            && (cr3 & 0xFFFF_FF00_0000_0FFF) == 0;
    }

    /// <summary>The backed pages of [<paramref name="from"/>, <paramref name="to"/>), read in chunks.</summary>
    private static IEnumerable<(long Address, byte[] Page)> Pages(IPhysicalMemory memory, long from, long to)
    {
        var chunk = new byte[ChunkBytes];
        var page = new byte[4096];
        foreach (var run in memory.Runs)
        {
            var start = Math.Max((run.Start + 0xFFF) & ~0xFFFL, from);
            var end = Math.Min(run.End & ~0xFFFL, to);
            for (var at = start; at < end; at += ChunkBytes)
            {
                var n = (int)Math.Min(ChunkBytes, end - at);
                bool ok;
                try
                {
                    memory.Read(at, chunk.AsSpan(0, n));
                    ok = true;
                }
                catch (IOException)
                {
                    ok = false;
                }
                if (!ok) continue;
                for (var p = 0; p < n; p += 4096)
                {
                    chunk.AsSpan(p, 4096).CopyTo(page);
                    yield return (at + p, page);
                }
            }
        }
    }
}
