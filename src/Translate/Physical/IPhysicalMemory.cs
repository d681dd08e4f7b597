namespace MemFs.Translate.Physical;

/// <summary>
/// A machine's physical address space as one image presents it: sparse, with the backed ranges listed in
/// <see cref="Runs"/>. Holes are holes: reading one is an error, never zeros. Reads are positional and
/// thread-safe.
/// </summary>
public interface IPhysicalMemory
{
    /// <summary>What the bytes come from, e.g. "Windows crash dump, 64-bit, full (run-based)".</summary>
    string Format { get; }

    /// <summary>Backed ranges, sorted by address, not overlapping, adjacent ranges merged.</summary>
    IReadOnlyList<PhysicalRun> Runs { get; }

    /// <summary>
    /// Reads exactly <c>destination.Length</c> bytes at physical <paramref name="address"/>. Throws
    /// <see cref="PhysicalHoleException"/> when any byte lies outside the runs, and <see cref="IOException"/>
    /// when the image cannot supply bytes it claims to hold (a truncated or damaged file).
    /// </summary>
    void Read(long address, Span<byte> destination);
}
