using MemFs.Translate.Physical;

namespace MemFs.Tests.Scale;

/// <summary>
/// Writes physical memory as a raw image of a given length whose only allocated blocks are the memory's runs: the
/// file is extended with SetLength (a hole reads as zeros) and each run written at its address.
/// </summary>
internal static class SparseRawFile
{
    private const int BlockBytes = 1 << 20;

    public static void Write(IPhysicalMemory memory, long length, string path)
    {
        var runs = memory.Runs;
        if (runs.Count > 0 && runs[^1].End > length)
            throw new ArgumentOutOfRangeException(nameof(length), $"{path}: the memory reaches 0x{runs[^1].End:X}, past the image's length 0x{length:X}");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        file.SetLength(length);
        var block = new byte[BlockBytes];
        foreach (var run in runs)
        {
            for (var at = run.Start; at < run.End; at += BlockBytes)
            {
                var span = block.AsSpan(0, (int)Math.Min(BlockBytes, run.End - at));
                memory.Read(at, span);
                file.Position = at;
                file.Write(span);
            }
        }
        file.Flush(flushToDisk: true);
    }
}
