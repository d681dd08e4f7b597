namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// A build family whose offsets were read by hand from the public C headers of ntdiff/headers (generated from
/// Microsoft's PDBs of that release), not from a PDB or ISF MemFs can check: <see cref="Release"/> and
/// <see cref="Commit"/> name the folder and revision read. <see cref="Carried"/> lists the fields not read from
/// this release's headers but carried because they are identical in the neighbouring releases that were read; the
/// profile says so field by field.
/// </summary>
internal sealed record PublicHeaderFamily(
    uint Build,
    string Release,
    string Commit,
    PackedLayout Layout,
    IReadOnlyDictionary<string, string> Carried)
{
    public const string Repository = "ntdiff/headers";

    public string Source => $"public headers {Repository} {Release} @{Commit[..8]}, not from a PDB";

    public KernelProfile ToProfile(uint build, string source)
    {
        var profile = Layout.ToProfile(null, build, null, source);
        foreach (var (name, why) in Carried)
        {
            if (profile.Offset(name) is { } offset) profile.SetOffset(name, offset, $"{source}; {why}");
            if (profile.Bit(name) is { } bits) profile.SetBits(name, bits, $"{source}; {why}");
            if (profile.Size(name) is { } size) profile.SetSize(name, size, $"{source}; {why}");
        }
        return profile;
    }
}
