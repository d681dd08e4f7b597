namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>Fills a <see cref="KernelProfile"/> with every <see cref="KernelFields"/> name an ISF has.</summary>
internal static class IsfProfileReader
{
    public static KernelProfile Read(IsfFile isf, string source)
    {
        var profile = new KernelProfile(isf.Metadata.Pdb?.Id, build: null);
        foreach (var name in KernelFields.Offsets)
        {
            var (type, member) = Split(name);
            if (isf.Offset(type, member) is { } offset) profile.SetOffset(name, offset, source);
        }
        foreach (var name in KernelFields.Bits)
        {
            var (type, member) = Split(name);
            if (isf.Bits(type, member) is { } bits) profile.SetBits(name, bits, source);
        }
        foreach (var name in KernelFields.Sizes)
            if (isf.Size(name) is { } size) profile.SetSize(name, size, source);
        foreach (var name in KernelFields.Rvas)
            if (KernelFields.SymbolNames(name).Select(isf.Rva).FirstOrDefault(r => r is not null) is { } rva) profile.SetRva(name, rva, source);
        return profile;
    }

    /// <summary>"_MMVAD_SHORT.u" → ("_MMVAD_SHORT", "u"); the member part may itself be a dotted path.</summary>
    public static (string Type, string MemberPath) Split(string name)
    {
        var dot = name.IndexOf('.');
        if (dot <= 0 || dot == name.Length - 1) throw new ArgumentException($"expected Struct.Member, got '{name}'", nameof(name));
        return (name[..dot], name[(dot + 1)..]);
    }
}
