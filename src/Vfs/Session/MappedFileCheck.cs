using MemFs.Translate.Extended;
using MemFs.Translate.Windows;

namespace MemFs.Vfs.Session;

/// <summary>
/// Whether the file sources serve any image the system has loaded: the kernel's drivers (PsLoadedModuleList), then
/// every process's loader list (PEB.Ldr). A file tree laid out wrong (no volume root, another drive) serves none of
/// them, and every executable is then rebuilt from memory alone; this says so. Stops at the first image found.
/// </summary>
internal static class MappedFileCheck
{
    private const int PathsNamed = 5;

    /// <summary>The warning when no loaded image is found, else null (also when the system lists no image).</summary>
    public static string? Warning(WindowsSystem system, ExtendedPhysicalSpace space)
    {
        var named = new List<string>();
        var tried = 0;
        foreach (var path in ImagePaths(system))
        {
            if (space.HasFile(path)) return null;
            tried++;
            if (named.Count < PathsNamed) named.Add(path);
        }
        if (tried == 0) return null;
        return $"none of the {tried} loaded images (drivers, processes' main images and modules) was found by the file sources " +
               $"({space.FileSources}); looked for {string.Join(", ", named)}{(tried > named.Count ? ", …" : "")}: executables are rebuilt from memory alone";
    }

    private static IEnumerable<string> ImagePaths(WindowsSystem system)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var modules = system.KernelModules().Modules.Concat(system.Processes.SelectMany(p => system.Modules(p).Modules));
        foreach (var module in modules)
            if (module.FullName is { Length: > 0 } path && seen.Add(path)) yield return path;
    }
}
