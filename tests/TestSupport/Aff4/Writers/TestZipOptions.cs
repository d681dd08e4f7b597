namespace MemFs.Tests.Aff4.Writers;

/// <summary>Layout choices for <see cref="TestZipWriter"/>; the defaults give a plain Zip file.</summary>
public sealed record TestZipOptions
{
    public Zip64Mode Zip64 { get; init; } = Zip64Mode.None;

    /// <summary>Zip comment, written as UTF-8 (an AFF4 volume puts its URN here; Evimetry adds a NUL).</summary>
    public string Comment { get; init; } = "";

    /// <summary>Bytes written before the archive, giving it a non-zero global offset.</summary>
    public byte[] Prefix { get; init; } = [];

    /// <summary>
    /// Local headers with CRC and sizes 0 (0xFFFFFFFF plus an 0xFF-filled Zip64 extra in AllSaturated mode,
    /// as Evimetry writes), flag bit 3, and a data descriptor after each member's data.
    /// </summary>
    public bool DataDescriptors { get; init; }

    /// <summary>An extended-timestamp extra field (0x5455) before the Zip64 one in each central-directory entry.</summary>
    public bool UnknownExtraBeforeZip64 { get; init; }

    /// <summary>Central-directory entries in the reverse of the order the members were added (and lie in the file).</summary>
    public bool ReverseCentralDirectoryOrder { get; init; }
}
