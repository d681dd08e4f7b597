using MemFs.Translate.Physical;

namespace MemFs.Vfs.Session;

/// <summary>
/// Why there is no Windows layer when the image holds no physical memory at all: a triage (mini kernel) dump keeps
/// only the crash context, the faulting thread's stack and the driver list, so there are no page tables to
/// translate through and no process memory, whatever the symbols say.
/// </summary>
internal static class MissingMemory
{
    public static string? Reason(PhysicalImage image)
    {
        if (image.Memory.Runs.Count > 0) return null;
        var what = image.Facts.DumpType is { } type ? $"this {type} dump" : "this image";
        var drivers = image.Facts.Modules.Count > 0
            ? $"; its {image.Facts.Modules.Count} drivers are listed in kernel/drivers.txt and by 'memfs modules'"
            : "";
        return $"{what} holds no physical memory (no page tables, no process memory): image/physical.raw is empty and there are no processes{drivers}";
    }
}
