using MemFs.Translate.Paging;

namespace MemFs.Translate.Windows.Objects;

/// <summary>A process's virtual address space as an <see cref="IKernelReader"/>, for walking user-mode structures (PEB, loader lists).</summary>
public sealed class ProcessMemoryReader(VirtualMemory memory) : IKernelReader
{
    public bool TryRead(ulong va, Span<byte> destination, out string? reason)
    {
        try
        {
            memory.Read(va, destination);
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
