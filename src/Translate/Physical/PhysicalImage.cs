using MemFs.Aff4;

namespace MemFs.Translate.Physical;

/// <summary>
/// An opened memory image: its physical address space, header facts, warnings, and the auxiliary
/// sources (pagefiles, files) it carries. Owns the open files; dispose it to close them.
/// </summary>
public sealed class PhysicalImage(string path, IPhysicalMemory memory, ImageFacts facts, IReadOnlyList<string> warnings,
    IReadOnlyList<AuxiliarySource> auxiliary, params IDisposable[] owned) : IDisposable
{
    public string Path { get; } = path;
    public IPhysicalMemory Memory { get; } = memory;
    public string Format => Memory.Format;

    /// <summary>The file was taken as physical memory from address 0 because no format recognised it.</summary>
    public bool IsRaw => Format == Raw.RawImage.FormatName;
    public ImageFacts Facts { get; } = facts;
    public IReadOnlyList<string> Warnings { get; } = warnings;
    public IReadOnlyList<AuxiliarySource> Auxiliary { get; } = auxiliary;

    /// <summary>The AFF4 volumes behind an AFF4 memory image (owned by this image), for its pagefile and file streams.</summary>
    public Aff4Image? Aff4 { get; init; }

    public long BackedBytes => Memory.Runs.Sum(r => r.Length);

    /// <summary>One past the highest backed address.</summary>
    public long AddressSpaceEnd => Memory.Runs.Count == 0 ? 0 : Memory.Runs[^1].End;

    public void Dispose()
    {
        foreach (var d in owned) d.Dispose();
    }
}
