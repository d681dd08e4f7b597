namespace MemFs.Mount.Cli.Json;

/// <summary>A byte range [start, end) as hex strings with its length in bytes; <see cref="Note"/> says why it is special (e.g. not readable).</summary>
internal sealed record RangeJson(string Start, string End, long Length, string? Note = null)
{
    public static RangeJson Of(long start, long end, string? note = null) => new(Hex.Of((ulong)start), Hex.Of((ulong)end), end - start, note);
}
