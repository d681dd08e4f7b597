using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;

namespace MemFs.Vfs.Modules;

/// <summary>
/// A recovered image opened for its tables: its headers parsed again through a <see cref="ModuleImageReader"/>, so
/// the tables they point to are read from memory with the file on disk as fallback, and each table file can say
/// where its bytes came from.
/// </summary>
internal sealed class ModuleImage
{
    private ModuleImage(RecoveredImage recovered, PeImageView view, ModuleImageReader reader)
    {
        Recovered = recovered;
        View = view;
        Reader = reader;
    }

    public RecoveredImage Recovered { get; }
    public PeImageView View { get; }
    public ModuleImageReader Reader { get; }

    /// <summary>The image's tables, or null with why its headers cannot be read.</summary>
    public static ModuleImage? Open(RecoveredImage recovered, out string? why)
    {
        var reader = new ModuleImageReader(recovered);
        var page = new byte[PeImageView.HeaderBytes];
        if (!reader.TryRead(recovered.Image.Base, page, out why)) return null;
        return PeImageView.Parse(reader, recovered.Image.Base, page, out why) is { } view ? new ModuleImage(recovered, view, reader) : null;
    }

    /// <summary>The comment lines every table file starts with: which image, where its headers came from, what was read from disk or could not be read.</summary>
    public IEnumerable<string> SourceLines(string file, string owner)
    {
        yield return $"# {file}: {Recovered.Name} at 0x{Recovered.Image.Base:X} (0x{Recovered.Image.Size:X} bytes) in {owner}";
        yield return $"# headers: from {Recovered.HeaderSource}";
        yield return "# tables: from memory (pages only in the mapped file read from it), else from the file on disk for headers and read-only sections";
    }

    /// <summary>The comment lines saying which ranges came from the file on disk and which could not be read at all (call after reading).</summary>
    public IEnumerable<string> ReadLines()
    {
        foreach (var line in Reader.FromDisk) yield return $"# from disk: {line}";
        foreach (var line in Reader.Unreadable) yield return $"# unreadable: {line}";
    }
}
