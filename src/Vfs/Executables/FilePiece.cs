namespace MemFs.Vfs.Executables;

/// <summary>Where a stretch of executable.exe comes from.</summary>
public enum PieceSource
{
    /// <summary>The mapped image, at <see cref="FilePiece.SourceOffset"/> as an RVA.</summary>
    Image,
    /// <summary>The file on disk, at the same file offset.</summary>
    Disk,
    /// <summary>Neither: zero-filled and reported.</summary>
    Missing,
}

/// <summary>
/// One stretch of executable.exe: <see cref="Length"/> bytes at file offset <see cref="Offset"/>, taken from
/// <see cref="Source"/>; <see cref="Part"/> names the PE part ("headers", a section name, "gap", "overlay").
/// </summary>
public readonly record struct FilePiece(long Offset, long Length, PieceSource Source, long SourceOffset, string Part)
{
    public long End => Offset + Length;
}
