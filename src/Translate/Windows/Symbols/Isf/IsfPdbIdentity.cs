namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>
/// <c>metadata.windows.pdb</c>: the PDB the ISF was made from. <see cref="Id"/> is the symbol-server form used as
/// <see cref="KernelProfile.PdbId"/>: GUID in upper-case hex followed by the age in hex.
/// </summary>
internal sealed record IsfPdbIdentity(string Guid, uint Age, string Database, int MachineType)
{
    public string Id => PdbIds.Format(Guid, Age);
}
