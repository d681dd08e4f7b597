namespace MemFs.Tests.Vfs.Modules;

/// <summary>
/// What a <see cref="TablePe"/> image says about itself: an RSDS CodeView record (PDB name, GUID, age) in its debug
/// directory and a VS_VERSIONINFO resource whose VS_FIXEDFILEINFO is <see cref="FixedFileInfo"/> (13 DWORDs,
/// dwSignature 0xFEEF04BD first).
/// </summary>
internal sealed record TablePeIdentity(string PdbName, Guid Guid, uint Age, uint[] FixedFileInfo)
{
    /// <summary>A DLL of file and product version 10.0.19041.1 (VOS_NT_WINDOWS32, VFT_DLL).</summary>
    public static TablePeIdentity Dll(string pdbName, Guid guid, uint age) =>
        new(pdbName, guid, age, [0xFEEF04BD, 0x0001_0000, 0x000A_0000, 0x4A61_0001, 0x000A_0000, 0x4A61_0001, 0x3F, 0, 0x0004_0004, 2, 0, 0, 0]);
}
