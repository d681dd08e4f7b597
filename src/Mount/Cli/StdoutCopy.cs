namespace MemFs.Mount.Cli;

/// <summary>Streams a byte range to stdout in 1 MiB pieces, each filled completely by the caller's reader.</summary>
internal static class StdoutCopy
{
    private const int BufferSize = 1 << 20;

    public delegate void FillExactly(long position, Span<byte> destination);

    /// <summary>Where the bytes go: the process's stdout, or a capture when the commands run in-process (the fuzz harness).</summary>
    internal static Func<Stream> OpenOutput { get; set; } = Console.OpenStandardOutput;

    public static void Run(long start, long count, FillExactly fill)
    {
        using var stdout = OpenOutput();
        var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(count, 1))];
        for (long done = 0; done < count;)
        {
            var n = (int)Math.Min(buffer.Length, count - done);
            fill(start + done, buffer.AsSpan(0, n));
            stdout.Write(buffer, 0, n);
            done += n;
        }
    }
}
