namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The PDB info stream (stream 1): Version (20000404 = VC70), Signature, Age and GUID (LLVM PDB docs, "The PDB Info
/// Stream"). The age here can be higher than the RSDS age; match a PE to its PDB with the DBI age (<see
/// cref="DbiStream.Age"/>).
/// </summary>
internal sealed record PdbInfoStream(uint Version, uint Signature, uint Age, Guid Guid)
{
    public const int Index = 1;
    public const uint VC70 = 20000404;

    public static PdbInfoStream Read(MsfFile msf)
    {
        if (!msf.HasStream(Index)) throw msf.Bad(null, "the PDB info stream (stream 1) is missing");
        var data = msf.ReadStream(Index);
        var r = new MsfStreamReader(msf, Index, "PDB info", data, 0, data.Length, "header");
        var version = r.U32();
        var signature = r.U32();
        var age = r.U32();
        var guid = new Guid(r.Bytes(16));
        if (version < VC70) throw r.Fail(0, $"Version {version} is older than VC70 (20000404); only MSF 7.00 PDBs are supported");
        return new PdbInfoStream(version, signature, age, guid);
    }
}
