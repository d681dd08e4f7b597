namespace MemFs.Aff4.Streams;

/// <summary>The three on-disk forms of a bevy's chunk index.</summary>
public enum BevyIndexLayout
{
    /// <summary>AFF4 Standard <c>&lt;bevy&gt;.index</c>: packed (u64 offset, u32 length) entries, not necessarily monotonic.</summary>
    Standard,

    /// <summary>Rekall/WinPmem 2.x <c>&lt;bevy&gt;/index</c>: u32 start offset per chunk; a chunk ends where the next starts.</summary>
    LegacyStartOffsets,

    /// <summary>Evimetry pre-standard <c>&lt;bevy&gt;/index</c>: u32 end offset (cumulative length) per chunk.</summary>
    LegacyEndOffsets,
}
