namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// A PE's RSDS CodeView record: the PDB it was linked with. <see cref="PdbId"/> is the symbol-server key: the GUID's
/// 32 upper-case hex digits with Data1-Data3 in their little-endian field order (as <see cref="Guid"/> prints them),
/// then the age in hex.
/// </summary>
public sealed record CodeViewRecord(string PdbName, Guid Guid, uint Age)
{
    private static readonly HashSet<string> KernelPdbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "ntkrnlmp.pdb", "ntoskrnl.pdb", "ntkrpamp.pdb", "ntkrnlpa.pdb", "ntkrla57.pdb",
    };

    public string PdbId => Guid.ToString("N").ToUpperInvariant() + Age.ToString("X");

    /// <summary>The file name of <see cref="PdbName"/>, which may carry the build machine's path.</summary>
    public string PdbFileName => PdbName[(PdbName.LastIndexOfAny(['\\', '/']) + 1)..];

    public bool IsKernel => KernelPdbs.Contains(PdbFileName);

    public override string ToString() => $"{PdbFileName} {PdbId}";
}
