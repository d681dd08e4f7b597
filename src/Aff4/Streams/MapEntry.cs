namespace MemFs.Aff4.Streams;

/// <summary>
/// One range of a Map: <see cref="Length"/> bytes at <see cref="MappedOffset"/> come from target
/// <see cref="TargetId"/> (a line of the map's idx segment) at <see cref="TargetOffset"/>.
/// </summary>
public readonly record struct MapEntry(long MappedOffset, long Length, long TargetOffset, int TargetId)
{
    public long End => MappedOffset + Length;
}

/// <summary>Field order of the 28-byte map entries.</summary>
public enum MapEntryOrder
{
    /// <summary>AFF4 Standard and Evimetry: (mappedOffset, length, targetOffset, targetId).</summary>
    Standard,

    /// <summary>WinPmem 2.x, c-aff4 before April 2017, pyaff4 before March 2017: (mappedOffset, targetOffset, length, targetId).</summary>
    LegacySwapped,
}
