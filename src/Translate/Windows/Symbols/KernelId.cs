namespace MemFs.Translate.Windows.Symbols;

/// <summary>What identifies a kernel to the symbol sources: its PDB name and id (GUID + age) and its build.</summary>
public sealed record KernelId(string PdbName, string? PdbId, uint? Build)
{
    /// <summary>
    /// The GUID and age the id names, or false when the id is unknown. Its first 32 hex digits are the GUID as
    /// Guid.ToString("N") prints it (Data1, Data2, Data3 as numbers, then the Data4 bytes); the rest is the age in hex.
    /// </summary>
    public bool TryGuidAge(out Guid guid, out uint age)
    {
        guid = Guid.Empty;
        age = 0;
        if (PdbId is not { Length: > 32 and <= 40 } id) return false;
        return Guid.TryParseExact(id[..32], "N", out guid)
            && uint.TryParse(id[32..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out age);
    }

    public override string ToString() => $"{PdbName} {PdbId ?? "(id unknown)"}" + (Build is null ? "" : $", build {Build}");
}
