using System.Buffers.Binary;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// The kernel virtual address of an EPROCESS found by its physical address (a pool scan finds objects physically).
/// An empty LIST_ENTRY points at itself (Flink = Blink = its own address), and every EPROCESS has some: empty
/// profile, thread or job lists, or ActiveProcessLinks that a rootkit pointed at itself when it unlinked the process.
/// Each such self-pointer gives a candidate base, believed only when the kernel's page tables map it back to the
/// physical address. Only the EPROCESS's first physical page is searched (the next page need not be adjacent).
/// </summary>
internal static class EprocessAddressFinder
{
    public static ulong? Find(IPhysicalMemory memory, WindowsTranslator translator, long physicalAddress)
    {
        var inPage = (int)(physicalAddress & 0xFFF);
        var page = new byte[4096 - inPage];
        try
        {
            memory.Read(physicalAddress, page);
        }
        catch (IOException)
        {
            return null;
        }
        for (var offset = 0; offset + 16 <= page.Length; offset += 8)
        {
            var flink = BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(offset));
            if (flink != BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(offset + 8)) || !WindowsTranslator.IsKernel(flink)) continue;
            if ((flink & 0xFFF) != (ulong)((physicalAddress + offset) & 0xFFF)) continue;
            var candidate = flink - (ulong)offset;
            var mapped = translator.Translate(translator.KernelDtb, candidate, null, NoTrace.Instance);
            if (mapped is { State: PageState.Valid or PageState.Transition, Location: { Kind: Extended.BackingKind.Physical } location } && location.Offset == physicalAddress)
                return candidate;
        }
        return null;
    }
}
