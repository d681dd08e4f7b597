namespace MemFs.Vfs.Minidump;

/// <summary>
/// ThreadListStream: NumberOfThreads, then a 48-byte MINIDUMP_THREAD per thread (ThreadId, SuspendCount, PriorityClass,
/// Priority, Teb, Stack as a MINIDUMP_MEMORY_DESCRIPTOR, ThreadContext). The stack's bytes are the ones Memory64List
/// already holds (<paramref name="stackInDump"/> finds them); a context is stored after the list.
/// </summary>
internal sealed class ThreadListStream(IReadOnlyList<MinidumpThread> threads, Func<ulong, ulong, MinidumpLocation> stackInDump) : IMinidumpStream
{
    public const int EntrySize = 48;

    private readonly MinidumpLocation[] _contexts = new MinidumpLocation[threads.Count];

    public uint Type => MinidumpStreamType.ThreadList;
    public MinidumpLocation Location { get; private set; }

    public void Place(PrefixAllocator allocator)
    {
        Location = allocator.Place(4 + (long)EntrySize * threads.Count);
        for (var i = 0; i < threads.Count; i++)
            _contexts[i] = threads[i].Context is { Length: > 0 and <= MinidumpThread.MaxContextBytes } context
                ? allocator.Place(context.Length) : MinidumpLocation.None;
    }

    public void Write(MinidumpWriter writer)
    {
        writer.U32(Location.Rva, (uint)threads.Count);
        for (var i = 0; i < threads.Count; i++)
        {
            var thread = threads[i];
            var at = Location.Rva + 4L + (long)EntrySize * i;
            writer.U32(at, thread.ThreadId);
            writer.U64(at + 16, thread.Teb);
            writer.U64(at + 24, thread.StackLimit);
            writer.Location(at + 32, thread.StackBase > thread.StackLimit ? stackInDump(thread.StackLimit, thread.StackBase) : MinidumpLocation.None);
            writer.Location(at + 40, _contexts[i]);
            if (_contexts[i].Size > 0) writer.Raw(_contexts[i].Rva, thread.Context);
        }
    }
}
