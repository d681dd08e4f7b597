using MemFs.Translate.Paging;

namespace MemFs.Translate.Windows.Objects;

/// <summary>A process's virtual address space as an <see cref="IKernelReader"/>, for walking user-mode structures (PEB, loader lists).</summary>
public sealed class ProcessMemoryReader(VirtualMemory memory) : IKernelReader
{
    // Structures (PEB, loader list, PE headers) are never read from holes: zeros there would be taken for data.
    private readonly VirtualMemory _memory = memory.WithHoles(HolePolicy.None);

    public bool TryRead(ulong va, Span<byte> destination, out string? reason)
    {
        try
        {
            _memory.Read(va, destination);
            reason = null;
            return true;
        }
        catch (IOException e)
        {
            reason = e.Message;
            return false;
        }
    }
}
