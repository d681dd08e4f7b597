namespace MemFs.Aff4;

/// <summary>
/// Bad or unreadable AFF4 input. The message always names where the problem is: the volume file,
/// the Zip member or stream URN, and the byte offset, so an analyst can check the evidence by hand.
/// Derives from <see cref="IOException"/> so that hosts map it to EIO for the range being read.
/// </summary>
public class Aff4Exception : IOException
{
    public Aff4Exception(string problem, string? file = null, string? member = null, long? offset = null, Exception? inner = null)
        : base(Compose(problem, file, member, offset), inner)
    {
        Problem = problem;
        FilePath = file;
        Member = member;
        Offset = offset;
    }

    /// <summary>The error of a <see cref="Binary.BoundedReader"/> over a volume file's bytes.</summary>
    public static Exception Create(string file, long offset, string problem) => new Aff4Exception(problem, file, offset: offset);

    public string Problem { get; }
    public string? FilePath { get; }
    public string? Member { get; }
    public long? Offset { get; }

    private static string Compose(string problem, string? file, string? member, long? offset)
    {
        var where = new List<string>(3);
        if (file is not null) where.Add(file);
        if (member is not null) where.Add($"'{member}'");
        if (offset is not null) where.Add($"offset 0x{offset.Value:X}");
        return where.Count == 0 ? problem : $"{string.Join(", ", where)}: {problem}";
    }
}
