namespace MemFs.Vfs.Minidump;

/// <summary>
/// What a thread's minidump entry holds as its CONTEXT: the record's <see cref="Bytes"/> and where they came from, or
/// null bytes and why there is none. <see cref="Note"/> is what threads.txt and <c>memfs threads --json</c> show.
/// </summary>
public sealed record ThreadContext(byte[]? Bytes, string Note)
{
    public bool InDump => Bytes is not null;

    public static ThreadContext None(string why) => new(null, $"none: {why}");
}
