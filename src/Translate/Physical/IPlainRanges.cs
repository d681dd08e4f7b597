namespace MemFs.Translate.Physical;

/// <summary>Physical memory some of whose ranges are stored as they are, uncompressed and contiguous, in one evidence file.</summary>
public interface IPlainRanges
{
    /// <summary>
    /// Where <paramref name="length"/> bytes at physical <paramref name="address"/> lie in the evidence file, when they
    /// are one contiguous range of it that the file still holds now; null otherwise (the caller reads them the usual way).
    /// </summary>
    EvidenceRange? Locate(long address, int length);
}
