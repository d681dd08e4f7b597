namespace MemFs.Translate.Windows.Symbols;

/// <summary>What identifies a kernel to the symbol sources: its PDB name and id (GUID + age) and its build.</summary>
public sealed record KernelId(string PdbName, string? PdbId, uint? Build)
{
    public override string ToString() => $"{PdbName} {PdbId ?? "(id unknown)"}" + (Build is null ? "" : $", build {Build}");
}
