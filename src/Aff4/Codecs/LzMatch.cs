namespace MemFs.Aff4.Codecs;

/// <summary>
/// The back-reference copy shared by the LZ77-family decoders (LZ4 blocks here, plain XPRESS in Translate).
/// </summary>
public static class LzMatch
{
    /// <summary>
    /// Copies <paramref name="length"/> bytes from <paramref name="offset"/> bytes behind
    /// <paramref name="written"/> to <paramref name="written"/>. The caller has checked that the source starts
    /// inside the output and the target fits. A match may overlap its own output (offset &lt; length) and then
    /// repeats the last <paramref name="offset"/> bytes, which memmove-style CopyTo would not do; copying in
    /// chunks that double, each a multiple of the period, keeps every chunk's source and target disjoint.
    /// </summary>
    public static void Copy(Span<byte> destination, int written, int offset, int length)
    {
        int from = written - offset;
        if (offset >= length)
        {
            destination.Slice(from, length).CopyTo(destination[written..]);
            return;
        }
        if (offset == 1)
        {
            destination.Slice(written, length).Fill(destination[from]);
            return;
        }

        int copied = 0;
        while (copied < length)
        {
            int chunk = Math.Min(offset + copied, length - copied);
            destination.Slice(from, chunk).CopyTo(destination[(written + copied)..]);
            copied += chunk;
        }
    }
}
