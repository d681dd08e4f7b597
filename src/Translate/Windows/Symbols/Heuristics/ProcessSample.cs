namespace MemFs.Translate.Windows.Symbols.Heuristics;

/// <summary>The first bytes of one EPROCESS, its name and its DTB (masked), as the offset heuristics compare them.</summary>
internal sealed record ProcessSample(ulong Va, byte[] Bytes, string Name, ulong Dtb)
{
    public ulong Q(int offset) => BitConverter.ToUInt64(Bytes, offset);

    public uint D(int offset) => BitConverter.ToUInt32(Bytes, offset);
}
