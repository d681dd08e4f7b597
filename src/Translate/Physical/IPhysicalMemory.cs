using MemFs.Translate.Physical.Scatter;

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

    /// <summary>
    /// Reads the parts of one request (<see cref="ScatterRequest.Offset"/> is a physical address) together;
    /// <paramref name="failures"/>[i] gets what <see cref="Read"/> would have thrown for part i, null when it was read.
    /// Images stored in a file merge and prefetch the parts; this default reads them one by one.
    /// </summary>
    void ReadScattered(ReadOnlySpan<ScatterRequest> requests, Span<byte> destination, Span<Exception?> failures)
    {
        for (var i = 0; i < requests.Length; i++)
        {
            try
            {
                Read(requests[i].Offset, destination.Slice(requests[i].Destination, requests[i].Length));
                failures[i] = null;
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        }
    }
}
