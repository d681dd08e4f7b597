using MemFs.Aff4.Caching;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Findings;

/// <summary>
/// A process the providers look at: its view, its directory relative to the root (processes/… or unlinked/…), whether
/// only the EPROCESS scan found it, and the page cache the recoveries read through.
/// </summary>
public sealed record FindingSubject(ProcessView View, string Directory, bool OnlyScanFound, ChunkCache Cache)
{
    /// <summary>The subject of a process under processes/, or under unlinked/ when <paramref name="onlyScanFound"/>.</summary>
    public static FindingSubject Of(ProcessView view, bool onlyScanFound, ChunkCache cache) =>
        new(view, (onlyScanFound ? "unlinked/" : "processes/") + view.DirectoryName, onlyScanFound, cache);
}
