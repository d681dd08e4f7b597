namespace MemFs.Aff4.Container;

/// <summary>
/// Per-member state resolved on first read: the data start (from the local header) and, for deflated
/// members, the inflated bytes. Both are published once and then only read, so reads need no lock.
/// </summary>
internal sealed class MemberContent
{
    private const long Unresolved = -1;
    private long _dataStart = Unresolved;
    private byte[]? _inflated;
    private readonly Lock _inflateGate = new();

    public long GetDataStart(Func<long> resolve)
    {
        var start = Volatile.Read(ref _dataStart);
        if (start != Unresolved) return start;
        // Resolving twice on a race is harmless: both threads compute the same value.
        start = resolve();
        Volatile.Write(ref _dataStart, start);
        return start;
    }

    public byte[] GetInflated(Func<byte[]> inflate)
    {
        var bytes = Volatile.Read(ref _inflated);
        if (bytes is not null) return bytes;
        lock (_inflateGate)
        {
            // A failed inflation is not cached, so a later read reports the problem again.
            bytes = _inflated ?? inflate();
            Volatile.Write(ref _inflated, bytes);
            return bytes;
        }
    }
}
