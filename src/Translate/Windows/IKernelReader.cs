namespace MemFs.Translate.Windows;

/// <summary>Reads kernel virtual memory (through the kernel DTB); used to read prototype PTEs and section objects.</summary>
public interface IKernelReader
{
    bool TryRead(ulong kva, Span<byte> destination, out string? reason);
}
