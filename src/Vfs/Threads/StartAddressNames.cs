using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Patches;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Threads;

/// <summary>
/// Names a thread start address: module!Export+0xN after the nearest export of the image it falls in (the image's
/// IMAGE_EXPORT_DIRECTORY read from memory), module+0xN when the image has no exports to go by, else the VAD it falls
/// in. User addresses are looked up in the process's images, kernel addresses in PsLoadedModuleList.
/// </summary>
public sealed class StartAddressNames(ProcessView view)
{
    private readonly Dictionary<ulong, ExportSymbols?> _exports = [];
    private IReadOnlyList<LoadedImage>? _userImages;
    private IReadOnlyList<LoadedImage>? _kernelImages;

    public string Name(ulong? address)
    {
        if (address is not { } a) return "(unread)";
        if (a == 0) return "(none)";
        var user = a < (ulong)ProcessView.UserSpace;
        var image = Images(user).FirstOrDefault(i => Contains(i, a));
        if (image is not null)
        {
            var rva = (long)(a - image.Base);
            return Exports(image, user)?.Describe(image.Name, rva) ?? $"{image.Name}+0x{rva:X}";
        }
        if (user && view.Vads.FirstOrDefault(v => v.Contains(a)) is { } vad)
            return $"VAD 0x{vad.Start:X}-0x{vad.End:X} ({vad.FileName ?? (vad.IsPrivate ? "private" : "mapped")})+0x{a - vad.Start:X}";
        return user ? "in no module or VAD" : "in no kernel module";
    }

    /// <summary>True when <paramref name="address"/> lies in one of the process's images (user) or a loaded driver (kernel).</summary>
    public bool InImage(ulong address) => Images(address < (ulong)ProcessView.UserSpace).Any(i => Contains(i, address));

    private IReadOnlyList<LoadedImage> Images(bool user)
    {
        try
        {
            return user ? _userImages ??= UserImages() : _kernelImages ??= LoadedImage.OfKernel(view.System.KernelModules().Modules);
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The process's images, each bounded by its image VAD or else by the loader list's SizeOfImage.</summary>
    private IReadOnlyList<LoadedImage> UserImages()
    {
        var sizes = view.System.Modules(view.Process).Modules.GroupBy(m => m.Base).ToDictionary(g => g.Key, g => g.First().Size);
        return view.Images.Select(i => i.Vad is null && sizes.TryGetValue(i.Base, out var size) ? i with { Size = size } : i).ToList();
    }

    private static bool Contains(LoadedImage image, ulong address) =>
        image.Vad is { } vad ? vad.Contains(address) : image.Size is { } size && address >= image.Base && address - image.Base < size;

    private ExportSymbols? Exports(LoadedImage image, bool user)
    {
        if (_exports.TryGetValue(image.Base, out var known)) return known;
        IKernelReader memory = user ? new ProcessMemoryReader(view.Memory) : view.System.Kernel.Memory;
        var exports = PeImageView.TryOpen(memory, image.Base, out _) is { } pe ? ExportSymbols.Of(pe) : null;
        if (exports?.Missing is not null) exports = null;
        return _exports[image.Base] = exports;
    }
}
