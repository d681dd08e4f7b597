using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Patches;

namespace MemFs.Vfs.Modules;

/// <summary>
/// The images of one address space by range, to say where an IAT pointer goes: the image whose range holds it and
/// the nearest export at or below it (<see cref="ExportSymbols"/>). Each image's exports are read once, on first need.
/// </summary>
internal sealed class LoadedModules
{
    private readonly List<Entry> _byBase;

    private sealed class Entry(LoadedImage image, ulong end, Func<ModuleImage?> open)
    {
        private readonly Lazy<ModuleImage?> _module = new(open);
        private Lazy<ExportSymbols?>? _symbols;
        private Lazy<PeExportTable?>? _table;

        public LoadedImage Image => image;
        public ulong End => end;
        public ExportSymbols? Symbols => (_symbols ??= new Lazy<ExportSymbols?>(() => _module.Value is { } m ? ExportSymbols.Of(m.View) : null)).Value;
        public PeExportTable? Table => (_table ??= new Lazy<PeExportTable?>(() => _module.Value is { } m ? PeExportTable.Read(m.View, out _) : null)).Value;
    }

    public LoadedModules(IReadOnlyList<LoadedImage> images, ImageRecoveries recoveries)
    {
        _byBase = [];
        foreach (var image in images.DistinctBy(i => i.Base).OrderBy(i => i.Base))
        {
            var size = image.Vad is { } vad ? vad.End - vad.Start + 1 : image.Size ?? (ulong?)recoveries.Recover(image, out _)?.Image.Size ?? 0;
            if (size == 0) continue;
            _byBase.Add(new Entry(image, image.Base + size, () => recoveries.Recover(image, out _) is { } r ? ModuleImage.Open(r, out _) : null));
        }
    }

    /// <summary>The image whose range holds <paramref name="address"/>, or null when none does.</summary>
    public LoadedImage? Containing(ulong address) => Find(address)?.Image;

    /// <summary>"module!Export+0xN", or "module+0xRVA" when the module has no export at or below the address.</summary>
    public string Describe(ulong address)
    {
        if (Find(address) is not { } entry) return $"0x{address:X}";
        var rva = (long)(address - entry.Image.Base);
        return entry.Symbols?.Describe(entry.Image.Name, rva) ?? $"{entry.Image.Name}+0x{rva:X}";
    }

    /// <summary>The loaded image named <paramref name="name"/> (case-insensitive, as the loader matches), or null.</summary>
    public LoadedImage? Named(string name) => _byBase.FirstOrDefault(e => string.Equals(e.Image.Name, name, StringComparison.OrdinalIgnoreCase))?.Image;

    /// <summary>The export table of the loaded image <paramref name="image"/>, or null when it has none or cannot be read.</summary>
    public PeExportTable? ExportsOf(LoadedImage image) => _byBase.FirstOrDefault(e => e.Image.Base == image.Base)?.Table;

    private Entry? Find(ulong address)
    {
        int low = 0, high = _byBase.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (_byBase[mid].Image.Base <= address) { found = mid; low = mid + 1; }
            else high = mid - 1;
        }
        return found >= 0 && address < _byBase[found].End ? _byBase[found] : null;
    }
}
