namespace MemFs.Translate.Windows;

/// <summary>Reads the kernel's section objects (subsection → control area → file object) for subsection PTEs.</summary>
public interface ISectionObjects
{
    /// <summary>
    /// The subsection a subsection PTE points at — or, when that subsection's prototype PTE array does not hold
    /// <paramref name="prototypePte"/>, the one in the same control area that does. Null with a reason when unreadable.
    /// </summary>
    SubsectionInfo? FindSubsection(ulong subsectionKva, ulong prototypePte, IKernelReader kernel, out string? reason);
}
