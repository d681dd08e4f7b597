using System.Buffers.Binary;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// Finds ntoskrnl's base (after MemProcFS's ntoskrnl scan): the image header's KernBase; then back from kernel pointers
/// the header or the low stub gives, page by page for up to 32 MiB; then a scan of 0xFFFFF800'00000000 + 64 GiB through
/// the present page tables: every present 2 MiB boundary, the pages of large-page regions, and the first page of each
/// run of present PTEs. Every candidate must be an x64 PE with a kernel RSDS record and a POOLCODE or PAGE section. The
/// number of pages probed is capped.
/// </summary>
internal static class KernelLocator
{
    public const ulong ScanStart = 0xFFFFF800_00000000;
    public const ulong ScanLength = 64UL << 30;
    public const uint MaxKernelSize = 64u << 20;
    private const ulong HintReach = 32UL << 20;
    private const int MaxScanProbes = 65536;

    public static KernelSearch Locate(IKernelReader kernel, IPhysicalMemory memory, ulong dtb, ImageFacts facts, ulong? entryHint)
    {
        var candidates = new List<KernelCandidate>();
        var probed = new HashSet<ulong>();

        if (facts.KernelBase is { } headerBase)
        {
            var candidate = Check(kernel, headerBase, "image header KernBase");
            probed.Add(headerBase);
            candidates.Add(candidate);
            if (candidate.Validated) return new KernelSearch(candidates, candidate);
        }

        if (!HardwarePageTables.TryRead64(memory, (long)(dtb & HardwarePageTables.Frame), out _, out var unreadable))
        {
            return new KernelSearch(candidates, null, $"no page-table scans: the PML4 at 0x{dtb:X} cannot be read ({unreadable})");
        }

        var hints = new List<(ulong Va, string Name)>();
        if (entryHint is { } lm) hints.Add((lm, "low stub LmTarget"));
        if (facts.PsLoadedModuleList is { } plm) hints.Add((plm, "header PsLoadedModuleList"));
        if (facts.PsActiveProcessHead is { } pah) hints.Add((pah, "header PsActiveProcessHead"));
        if (facts.KdDebuggerDataBlock is { } kdbg) hints.Add((kdbg, "header KdDebuggerDataBlock"));
        foreach (var (hint, name) in hints)
        {
            if (!WindowsTranslator.IsKernel(hint)) continue;
            var low = hint > HintReach ? hint - HintReach : 0;
            for (var page = hint & ~0xFFFUL; page >= low && page >= ScanStart; page -= 4096)
            {
                if (!probed.Add(page) || !StartsWithMz(kernel, page)) continue;
                var candidate = Check(kernel, page, $"scan back from {name} 0x{hint:X}");
                candidates.Add(candidate);
                if (candidate.Validated) return new KernelSearch(candidates, candidate);
            }
        }

        var regions = HardwarePageTables.PresentRegions(memory, dtb, ScanStart, ScanStart + ScanLength).ToList();
        var probes = 0;
        foreach (var va in ScanOrder(memory, regions))
        {
            if (++probes > MaxScanProbes) break;
            if (!probed.Add(va) || !StartsWithMz(kernel, va)) continue;
            var candidate = Check(kernel, va, "kernel-space scan");
            candidates.Add(candidate);
            if (candidate.Validated) return new KernelSearch(candidates, candidate);
        }
        return new KernelSearch(candidates, null);
    }

    /// <summary>The kernel checks; null when <paramref name="pe"/> is an x64 ntoskrnl image.</summary>
    public static string? KernelProblem(PeImageView pe)
    {
        if (pe.Machine != 0x8664) return $"machine 0x{pe.Machine:X} is not x64";
        if (pe.SizeOfImage > MaxKernelSize) return $"SizeOfImage 0x{pe.SizeOfImage:X} exceeds 64 MiB";
        if (!pe.HasSection("POOLCODE") && !pe.HasSection("PAGE")) return "no POOLCODE or PAGE section";
        var codeView = pe.ReadCodeView(out var why);
        if (codeView is null) return why;
        return codeView.IsKernel ? null : $"PDB {codeView.PdbFileName} is not a kernel PDB";
    }

    private static KernelCandidate Check(IKernelReader kernel, ulong va, string foundBy)
    {
        var pe = PeImageView.TryOpen(kernel, va, out var why);
        if (pe is not null) why = KernelProblem(pe);
        return new KernelCandidate(va, foundBy, why is null, why);
    }

    private static bool StartsWithMz(IKernelReader kernel, ulong va)
    {
        Span<byte> two = stackalloc byte[2];
        return kernel.TryRead(va, two, out _) && two[0] == (byte)'M' && two[1] == (byte)'Z';
    }

    /// <summary>2 MiB boundaries first, then each page of large-page regions, then the first page of each run of present PTEs.</summary>
    private static IEnumerable<ulong> ScanOrder(IPhysicalMemory memory, List<MappedRegion> regions)
    {
        foreach (var r in regions)
            for (var va = r.Va; va < r.Va + r.Size; va += 1UL << 21)
                yield return va;
        foreach (var r in regions.Where(r => r.Large))
            for (var va = r.Va; va < r.Va + r.Size; va += 4096)
                yield return va;
        var table = new byte[4096];
        foreach (var r in regions.Where(r => !r.Large))
        {
            try
            {
                memory.Read(r.PageTable, table);
            }
            catch (IOException)
            {
                continue;
            }
            var previousPresent = false;
            for (var i = 0; i < 512; i++)
            {
                var present = (BinaryPrimitives.ReadUInt64LittleEndian(table.AsSpan(i * 8)) & 1) != 0;
                if (present && !previousPresent) yield return r.Va + (ulong)i * 4096;
                previousPresent = present;
            }
        }
    }
}
