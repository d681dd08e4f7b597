namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// One attribute (or, for a non-resident attribute split over several records, one extent of it) as read from
/// MFT record <see cref="RecordNumber"/>. Resident attributes carry <see cref="Value"/>; non-resident ones carry
/// their VCN range and runs. Sizes are meaningful only on the extent that starts at VCN 0.
/// </summary>
internal sealed class NtfsAttribute
{
    public required NtfsAttributeType Type { get; init; }
    public required string Name { get; init; }
    public required NtfsAttributeFlags Flags { get; init; }
    public required ushort Id { get; init; }
    public required long RecordNumber { get; init; }
    /// <summary>Disk offset of the attribute header, for error messages.</summary>
    public required long DiskOffset { get; init; }
    public bool IsResident => Value is not null;
    public byte[]? Value { get; init; }
    public long StartVcn { get; init; }
    public long LastVcn { get; init; }
    public long AllocatedSize { get; init; }
    public long DataSize { get; init; }
    public long InitializedSize { get; init; }
    public IReadOnlyList<NtfsRun> Runs { get; init; } = [];
}
