namespace MemFs.Vfs.Pictures;

/// <summary>A recovered byte compared with the same offset of the file on disk.</summary>
internal enum ByteMatch
{
    Equal,
    Different,

    /// <summary>Past the end of either file, or zero-filled in the recovered one.</summary>
    Missing,
}
