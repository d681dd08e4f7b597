using System.Collections.Concurrent;
using MemFs.Translate.Paging;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Executables;

/// <summary>The images of one address space (a process's, or the kernel's) rebuilt once per base and then kept.</summary>
internal sealed class ImageRecoveries(Func<VirtualMemory> memory)
{
    private readonly ConcurrentDictionary<ulong, RetryingLazy<(RecoveredImage? Image, string? Why)>> _recovered = new();

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
}
