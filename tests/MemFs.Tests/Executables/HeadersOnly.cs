using MemFs.Translate.Windows;

namespace MemFs.Tests.Executables;

/// <summary>A reader for PE headers parsed from bytes in hand: any further read fails.</summary>
internal sealed class HeadersOnly : IKernelReader
{
    public bool TryRead(ulong va, Span<byte> destination, out string? reason)
    {
        reason = "only the headers are given in this test";
        return false;
    }
}
