using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// Finds SM_GLOBALS: the profile's SmGlobals RVA (PDB public <c>?SmGlobals@@3U_SM_GLOBALS@@A</c>), else MemProcFS's
/// symbol-less scan of the first page of ntoskrnl's CACHEALI section for the address whose first qword points at a
/// pool allocation tagged <c>smSa</c> (POOL_HEADER.PoolTag, 12 bytes before it) and whose KeyToStoreTree is a
/// page-aligned kernel pointer. On 22H2+ the address is re-based before either check.
/// </summary>
internal static class SmGlobalsLocator
{
    public const string Symbol = "SmGlobals";
    public const string ScanSection = "CACHEALI";
    private static ReadOnlySpan<byte> PoolTag => "smSa"u8;

    public static SmGlobals? Locate(KernelIdentity identity, KernelProfile profile, IKernelReader kernel, StoreLayout layout, out string? why)
    {
        var memory = new StoreMemory(kernel);
        if (profile.Rvas.TryGetValue(Symbol, out var rva))
        {
            try
            {
                var symbol = identity.Base + rva.Value;
                why = null;
                return new SmGlobals(symbol, Rebase(symbol, layout, memory), $"RVA 0x{rva.Value:X} from {rva.Source}");
            }
            catch (StoreWalkException e)
            {
                why = $"SmGlobals from the profile ({rva.Source}): {e.Message}";
                return null;
            }
        }
        if (PeImageView.TryOpen(kernel, identity.Base, out var peWhy) is not { } image)
        {
            why = $"no SmGlobals in the profile, and ntoskrnl's headers cannot be read to scan {ScanSection}: {peWhy}";
            return null;
        }
        if (image.Sections.FirstOrDefault(s => s.Name == ScanSection) is not { } section)
        {
            why = $"no SmGlobals in the profile, and ntoskrnl has no {ScanSection} section to scan";
            return null;
        }
        var start = identity.Base + section.VirtualAddress;
        var page = new byte[Math.Min(4096, Math.Max(section.VirtualSize, 8u))];
        if (!kernel.TryRead(start, page, out var readWhy))
        {
            why = $"no SmGlobals in the profile, and the first page of {ScanSection} at 0x{start:X} cannot be read: {readWhy}";
            return null;
        }
        for (var offset = 0; offset + 8 <= page.Length; offset += 8)
        {
            var candidate = start + (ulong)offset;
            try
            {
                var rebased = Rebase(candidate, layout, memory);
                why = null;
                if (LooksLikeGlobals(rebased, memory))
                    return new SmGlobals(candidate, rebased, $"found without symbols in ntoskrnl's {ScanSection} at +0x{offset:X} (pool tag smSa)");
            }
            catch (StoreWalkException)
            {
                // Not the globals: keep scanning.
            }
        }
        why = $"no SmGlobals in the profile, and none of the first page of ntoskrnl's {ScanSection} points at an smSa allocation";
        return null;
    }

    private static ulong Rebase(ulong symbol, StoreLayout layout, StoreMemory memory)
    {
        if (layout.RebasePointer is not { } field) return symbol;
        var pointer = memory.Pointer(symbol + (ulong)field, $"SmGlobals+0x{field:X}");
        return pointer - layout.RebaseDelta;
    }

    private static bool LooksLikeGlobals(ulong globals, StoreMemory memory)
    {
        var first = memory.Pointer(globals, "SmGlobals metadata array 0");
        Span<byte> tag = stackalloc byte[4];
        memory.Read(first - 12, tag, "pool tag");
        if (!tag.SequenceEqual(PoolTag)) return false;
        var tree = memory.Pointer(globals + StoreLayout.KeyToStoreTree, "SmGlobals.KeyToStoreTree");
        return (tree & 0xFFF) == 0;
    }
}
