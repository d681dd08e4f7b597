namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// An OMAP table (DBI optional debug header entry OmapFromSrc): sorted pairs of u32 source RVA → target RVA. An
/// address maps through the last entry whose source is at or below it; a target of 0 means the code was removed.
/// Used only by PDBs of re-laid-out (BBT/OMAP) images, which then keep the original sections in SectionHdrOrig.
/// </summary>
internal sealed class PdbOmap
{
    private readonly uint[] _sources;
    private readonly uint[] _targets;

    public PdbOmap(MsfFile msf, int stream)
    {
        var data = msf.ReadStream(stream);
        var r = new MsfStreamReader(msf, stream, "OMAP", data, 0, data.Length);
        if (data.Length % 8 != 0) throw r.Fail(data.Length - data.Length % 8, $"the {data.Length}-byte OMAP stream is not a whole number of 8-byte entries");
        _sources = new uint[data.Length / 8];
        _targets = new uint[data.Length / 8];
        for (var i = 0; i < _sources.Length; i++)
        {
            _sources[i] = r.U32();
            _targets[i] = r.U32();
            if (i > 0 && _sources[i] < _sources[i - 1]) throw r.Fail(i * 8, "OMAP entries are not sorted by source address");
        }
    }

    public int Count => _sources.Length;

    public uint? Map(uint rva)
    {
        var i = Array.BinarySearch(_sources, rva);
        if (i < 0) i = ~i - 1;
        if (i < 0 || _targets[i] == 0) return null;
        return _targets[i] + (rva - _sources[i]);
    }
}
