namespace MemFs.Vfs.Executables;

/// <summary>Where the bytes of one page of a recovered image come from.</summary>
public enum PageOrigin
{
    /// <summary>Resident, on the standby list or in a pagefile: what the process had in memory.</summary>
    Memory,
    /// <summary>Not in memory; read from the mapped file through its subsection (acquired file, --files or --disk).</summary>
    Disk,
    /// <summary>Committed but never touched: its content is zeros by definition.</summary>
    DemandZero,
    /// <summary>Neither in memory nor available from the file: zeros are put in its place and reported.</summary>
    ZeroFilled,
}
