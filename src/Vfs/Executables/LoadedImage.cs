using MemFs.Translate.Files;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Vads;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Vfs.Executables;

/// <summary>
/// A loaded PE image: its name, base, the image VAD that maps it in a process (which names the file on disk and
/// bounds the image), and whether the loader list names it (an image VAD the PEB's list does not name is a hidden
/// or unlinked module). Kernel modules have no VAD: their file is named by the module list (<see cref="FilePath"/>)
/// and their size by the list's SizeOfImage (<see cref="Size"/>).
/// </summary>
public sealed record LoadedImage(string Name, ulong Base, VadDescriptor? Vad, bool InLoaderList, string? FilePath = null, uint? Size = null)
{
    /// <summary>The kernel's path of the file on disk (\Windows\System32\x.dll), or null when nothing names it.</summary>
    public string? DiskPath => FilePath ?? Vad?.FileName;

    /// <summary>
    /// Kernel modules from PsLoadedModuleList, their \SystemRoot\ and \??\C: paths turned into the kernel's
    /// \Windows\… form that file sources are searched by.
    /// </summary>
    public static IReadOnlyList<LoadedImage> OfKernel(IReadOnlyList<ModuleInfo> modules) =>
        modules.DistinctBy(m => m.Base)
            .Select(m => new LoadedImage(m.BaseName ?? FileName(m.FullName) ?? $"0x{m.Base:X}", m.Base, null, true, KernelFilePath(m.FullName), m.Size))
            .ToList();

    public static string? KernelFilePath(string? fullName)
    {
        if (string.IsNullOrEmpty(fullName)) return null;
        if (fullName.StartsWith(@"\SystemRoot", StringComparison.OrdinalIgnoreCase)) return @"\Windows" + fullName[@"\SystemRoot".Length..];
        if (fullName.StartsWith(@"\??", StringComparison.Ordinal) && fullName.Length > 6 && fullName[5] == ':') return fullName[6..];
        return fullName;
    }

    /// <summary>
    /// The loader list's modules, then the image VADs it does not name (their name from the mapped file). The list
    /// is bounded by the walker; image VADs by the VAD tree.
    /// </summary>
    public static IReadOnlyList<LoadedImage> Of(IReadOnlyList<ModuleInfo> modules, IReadOnlyList<VadDescriptor> vads)
    {
        var images = new List<LoadedImage>();
        var bases = new HashSet<ulong>();
        foreach (var module in modules)
        {
            if (!bases.Add(module.Base)) continue;
            var name = module.BaseName ?? FileName(module.FullName) ?? $"0x{module.Base:X}";
            images.Add(new LoadedImage(name, module.Base, vads.FirstOrDefault(v => v.Start == module.Base), true));
        }
        foreach (var vad in vads.Where(IsImage))
            if (bases.Add(vad.Start))
                images.Add(new LoadedImage(FileName(vad.FileName) ?? $"0x{vad.Start:X}", vad.Start, vad, false));
        return images;
    }

    public static bool IsImage(VadDescriptor vad) => VadKinds.Of(vad) == VadKind.Image;

    private static string? FileName(string? path) => string.IsNullOrEmpty(path) ? null : WindowsPath.FileName(path);
}
