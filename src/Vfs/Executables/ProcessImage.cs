using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Vfs.Executables;

/// <summary>
/// An image mapped in a process: its name, base, the image VAD that maps it (which names the file on disk), and
/// whether the PEB's loader list names it (an image VAD the list does not name is a hidden or unlinked module).
/// </summary>
public sealed record ProcessImage(string Name, ulong Base, VadDescriptor? Vad, bool InLoaderList)
{
    /// <summary>
    /// The loader list's modules, then the image VADs it does not name (their name from the mapped file). The list
    /// is bounded by the walker; image VADs by the VAD tree.
    /// </summary>
    public static IReadOnlyList<ProcessImage> Of(IReadOnlyList<ModuleInfo> modules, IReadOnlyList<VadDescriptor> vads)
    {
        var images = new List<ProcessImage>();
        var bases = new HashSet<ulong>();
        foreach (var module in modules)
        {
            if (!bases.Add(module.Base)) continue;
            var name = module.BaseName ?? FileName(module.FullName) ?? $"0x{module.Base:X}";
            images.Add(new ProcessImage(name, module.Base, vads.FirstOrDefault(v => v.Start == module.Base), true));
        }
        foreach (var vad in vads.Where(IsImage))
            if (bases.Add(vad.Start))
                images.Add(new ProcessImage(FileName(vad.FileName) ?? $"0x{vad.Start:X}", vad.Start, vad, false));
        return images;
    }

    public static bool IsImage(VadDescriptor vad) => vad.Kind.Contains("Image", StringComparison.Ordinal);

    private static string? FileName(string? path) => string.IsNullOrEmpty(path) ? null : path[(path.Replace('/', '\\').LastIndexOf('\\') + 1)..];
}
