namespace MemFs.Vfs.Pictures;

/// <summary>Where a page of a recovered executable came from.</summary>
internal enum PageSource
{
    /// <summary>Read through the translator: valid, transition or pagefile.</summary>
    Memory,

    /// <summary>Not in memory; taken from the mapped file on disk.</summary>
    Disk,

    /// <summary>Committed but never touched: zeros are its content.</summary>
    DemandZero,

    /// <summary>Neither in memory nor on disk; zeros stand in for it.</summary>
    ZeroFilled,
}
