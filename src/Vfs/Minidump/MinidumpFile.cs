using MemFs.Aff4.Caching;
using MemFs.Translate.Concurrency;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// processes/&lt;pid&gt;-&lt;name&gt;/minidump.dmp: a user-mode full-memory minidump of the process, produced on read. Its
/// layout (which pages hold bytes, where each stream lies) is computed on the first stat or read from the page
/// translation alone; the streams are rendered on the first read of them and kept in the shared page cache; the
/// memory bytes are read from the process's address space by range, never copied up front.
/// </summary>
public sealed class MinidumpFile(ProcessView view, IThreadSource threads, ChunkCache cache) : CachedFile(FileName, cache)
{
    public const string FileName = "minidump.dmp";

    private readonly RetryingLazy<MinidumpLayout> _layout = new(() => MinidumpLayout.Of(view, threads));
    private readonly ChunkCache _cache = cache;

    public override long Length => _layout.Value.Length;

    protected override void ReadUncached(long offset, Span<byte> destination)
    {
        var layout = _layout.Value;
        var prefixPart = (int)Math.Clamp(layout.PrefixLength - offset, 0, destination.Length);
        if (prefixPart > 0)
        {
            var prefix = _cache.GetOrAdd(new ChunkKey(layout, 0), layout, static l => l.RenderPrefix());
            prefix.AsSpan((int)offset, prefixPart).CopyTo(destination);
        }
        var position = offset + prefixPart;
        var rest = destination[prefixPart..];
        if (rest.IsEmpty) return;
        var runs = layout.Runs;
        for (var i = layout.RunAt(position); !rest.IsEmpty && i < runs.Count; i++)
        {
            var run = runs[i];
            var inRun = position - run.FileOffset;
            var n = (int)Math.Min(rest.Length, run.Length - inRun);
            view.Memory.Read(run.Va + (ulong)inRun, rest[..n]);
            rest = rest[n..];
            position += n;
        }
    }
}
