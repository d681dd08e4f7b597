namespace MemFs.Tests.Aff4.Writers;

/// <summary>How <see cref="TestZipWriter"/> uses Zip64 records.</summary>
public enum Zip64Mode
{
    /// <summary>Plain Zip: EOCD only, no Zip64 records or extra fields (pyaff4 logical, small Evimetry archives).</summary>
    None,

    /// <summary>Zip64 EOCD and locator written, but the EOCD fields hold the real values (c-aff4 3.x).</summary>
    LocatorNotSaturated,

    /// <summary>
    /// EOCD and every central-directory size and offset set to 0xFFFFFFFF, with a 28-byte Zip64 extra
    /// (both sizes, offset, disk) in each entry (c-aff4 2015–2018).
    /// </summary>
    AllSaturated,
}
