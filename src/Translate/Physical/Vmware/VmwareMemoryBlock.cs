using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Vmware;

/// <summary>The "Memory" block of a state file as a source of its own, so reads cannot run on into the tags after it.</summary>
internal sealed class VmwareMemoryBlock(IByteSource state, long offset, long length) : IByteSource
{
    public string Name { get; } = $"{state.Name} (Memory block at 0x{offset:X})";
    public long Length => length;

    public int Read(long position, Span<byte> destination)
    {
        if (position < 0) throw new ArgumentOutOfRangeException(nameof(position));
        if (position >= length) return 0;
        var n = (int)Math.Min(destination.Length, length - position);
        return state.Read(offset + position, destination[..n]);
    }

    public void WillNeed(long position, long count)
    {
        if (position >= 0 && position < length) state.WillNeed(offset + position, Math.Min(count, length - position));
    }

    public bool? MustFetch(long position) => position >= 0 && position < length ? state.MustFetch(offset + position) : null;

    public void Dispose() => state.Dispose();
}
