using MemFs.Translate.Paging;

namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// What the store walk reads through: kernel memory, and a process's user memory (the compressed bytes in
/// MemCompression), both at the depth of the translation that asked, so nested lookups stay bounded.
/// </summary>
internal interface IStoreAccess
{
    IKernelReader Kernel { get; }

    /// <summary>Reads user memory of the process with <paramref name="dtb"/>; each page's translation goes to <paramref name="trace"/>.</summary>
    bool TryReadProcess(ulong dtb, IVadSource? vads, ulong va, Span<byte> destination, ITraceSink trace, out string? reason);
}
