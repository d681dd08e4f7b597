namespace MemFs.Translate.Windows;

/// <summary>Reads the kernel's section objects (subsection → control area → file object) for subsection PTEs.</summary>
public interface ISectionObjects
{
    /// <summary>With the per-build table's offsets, for translation without a symbol profile.</summary>
    static ISectionObjects ForBuild(uint build) => new SectionObjectReader(Layouts.SectionObjectLayout.FromBuildTable(build));

    /// <summary>
    /// The subsection a subsection PTE points at — or, when that subsection's prototype PTE array does not hold
    /// <paramref name="prototypePte"/>, the one in the same control area that does. Null with a reason when unreadable.
    /// </summary>
    SubsectionInfo? FindSubsection(ulong subsectionKva, ulong prototypePte, IKernelReader kernel, out string? reason);

    /// <summary>
    /// The prototype PTE of page <paramref name="pageIndex"/> of a view whose prototype arrays are not contiguous (a
    /// data view over several subsections): counted from <paramref name="firstPrototypePte"/> in the VAD's subsection
    /// <paramref name="vadSubsection"/>, continuing through NextSubsection. Null with a reason when the chain ends
    /// first or cannot be read.
    /// </summary>
    ulong? PrototypeAcrossSubsections(ulong vadSubsection, ulong firstPrototypePte, ulong pageIndex, IKernelReader kernel, out string? reason);
}
