using System.Collections.Concurrent;
using MemFs.Aff4.Caching;
using MemFs.Translate.Paging;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Executables;

/// <summary>The images of one address space (a process's, or the kernel's) rebuilt once per base and then kept.</summary>
public sealed class ImageRecoveries(Func<VirtualMemory> memory)
{
    private readonly ConcurrentDictionary<ulong, RetryingLazy<(RecoveredImage? Image, string? Why)>> _recovered = new();
    private readonly ConcurrentDictionary<ulong, RecoveredFiles> _files = new();

    /// <summary>The image rebuilt from memory, or null with why it cannot be.</summary>
    public RecoveredImage? Recover(LoadedImage image, out string? why)
    {
        var result = _recovered.GetOrAdd(image.Base, _ => new RetryingLazy<(RecoveredImage?, string?)>(() =>
        {
            var recovered = RecoveredImage.Open(memory(), image, out var reason);
            return (recovered, reason);
        })).Value;
        why = result.Why;
        return result.Image;
    }

    /// <summary>The image's served files and analysis, shared by every report on it; null with why it cannot be rebuilt.</summary>
    public RecoveredFiles? Files(LoadedImage image, ChunkCache cache, out string? why)
    {
        if (Recover(image, out why) is not { } recovered) return null;
        return _files.GetOrAdd(image.Base, _ => new RecoveredFiles(recovered, cache));
    }
}
