namespace MemFs.Aff4.Streams;

/// <summary>
/// A read-only byte stream addressed by position. Implementations are immutable after construction
/// and safe to read from many threads at once: there is no shared stream position.
/// </summary>
public interface IAff4Stream
{
    /// <summary>The stream's AFF4 name (URN or symbolic IRI).</summary>
    string Urn { get; }

    /// <summary>Logical length in bytes; symbolic streams report <see cref="long.MaxValue"/>.</summary>
    long Length { get; }

    /// <summary>
    /// Reads up to <c>destination.Length</c> bytes at <paramref name="position"/>. Returns the number of
    /// bytes read, which is smaller only at the end of the stream (0 at or past the end).
    /// Throws <see cref="Aff4Exception"/> when any byte of the range cannot be produced: a damaged chunk
    /// fails only the reads that touch it.
    /// </summary>
    int Read(long position, Span<byte> destination);
}
