using MemFs.Translate.Files;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Vads;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Vfs.Executables;

/// <summary>
/// A loaded PE image: its name, base, the image VAD that maps it in a process (which names the file on disk and
/// bounds the image), and which loader lists name it (<see cref="Lists"/>: an image VAD no PEB list names is a hidden
/// or unlinked module). Kernel modules have no VAD: their file is named by the module list (<see cref="FilePath"/>).
/// <see cref="Size"/> is the loader entry's SizeOfImage (null for an image VAD no list names).
/// </summary>
public sealed record LoadedImage(string Name, ulong Base, VadDescriptor? Vad, LoaderListMembership Lists, string? FilePath = null, uint? Size = null)
{
    /// <summary>Whether any loader list names the image.</summary>
    public bool InLoaderList => Lists != LoaderListMembership.None;

    /// <summary>The kernel's path of the file on disk (\Windows\System32\x.dll), or null when nothing names it.</summary>
    public string? DiskPath => FilePath ?? Vad?.FileName;

    /// <summary>
    /// Kernel modules from PsLoadedModuleList, their \SystemRoot\ and \??\C: paths turned into the kernel's
    /// \Windows\… form that file sources are searched by.
    /// </summary>
    public static IReadOnlyList<LoadedImage> OfKernel(IReadOnlyList<ModuleInfo> modules) =>
        modules.DistinctBy(m => m.Base)
            .Select(m => new LoadedImage(m.BaseName ?? FileName(m.FullName) ?? $"0x{m.Base:X}", m.Base, null, LoaderListMembership.InLoadOrder, KernelFilePath(m.FullName), m.Size))
            .ToList();

    public static string? KernelFilePath(string? fullName)
    {
        if (string.IsNullOrEmpty(fullName)) return null;
        if (fullName.StartsWith(@"\SystemRoot", StringComparison.OrdinalIgnoreCase)) return @"\Windows" + fullName[@"\SystemRoot".Length..];
        if (fullName.StartsWith(@"\??", StringComparison.Ordinal) && fullName.Length > 6 && fullName[5] == ':') return fullName[6..];
        return fullName;
    }

    /// <summary>
    /// The loader lists' modules, each with every list an entry at its base is linked into, then the image VADs no
    /// list names (their name from the mapped file). The lists are bounded by the walker; image VADs by the VAD tree.
    /// </summary>
    public static IReadOnlyList<LoadedImage> Of(IReadOnlyList<LoaderModule> modules, IReadOnlyList<VadDescriptor> vads)
    {
        var images = new List<LoadedImage>();
        var bases = new HashSet<ulong>();
        var lists = new Dictionary<ulong, LoaderListMembership>();
        foreach (var entry in modules) lists[entry.Module.Base] = lists.GetValueOrDefault(entry.Module.Base) | entry.Lists;
        foreach (var module in modules.Select(m => m.Module))
        {
            if (!bases.Add(module.Base)) continue;
            var name = module.BaseName ?? FileName(module.FullName) ?? $"0x{module.Base:X}";
            images.Add(new LoadedImage(name, module.Base, vads.FirstOrDefault(v => v.Start == module.Base), lists[module.Base], Size: module.Size));
        }
        foreach (var vad in vads.Where(IsImage))
            if (bases.Add(vad.Start))
                images.Add(new LoadedImage(FileName(vad.FileName) ?? $"0x{vad.Start:X}", vad.Start, vad, LoaderListMembership.None));
        return images;
    }

    public static bool IsImage(VadDescriptor vad) => VadKinds.Of(vad) == VadKind.Image;

    private static string? FileName(string? path) => string.IsNullOrEmpty(path) ? null : WindowsPath.FileName(path);
}
