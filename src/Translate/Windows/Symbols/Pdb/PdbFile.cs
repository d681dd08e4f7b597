namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// A PDB read into memory: the MSF container facts, the info stream (GUID), the DBI header (age, machine, stream
/// indices), the types of the TPI stream and the public symbols with RVAs. The file is closed when
/// <see cref="Open"/> returns. <see cref="PdbId"/> is GUID + DBI age, the symbol-server folder name.
/// </summary>
internal sealed class PdbFile
{
    private PdbFile(MsfFile msf, bool identityOnly)
    {
        Path = msf.Path;
        BlockSize = msf.BlockSize;
        NumBlocks = msf.NumBlocks;
        NumDirectoryBytes = msf.NumDirectoryBytes;
        BlockMapAddr = msf.BlockMapAddr;
        StreamCount = msf.StreamCount;
        Info = PdbInfoStream.Read(msf);
        Dbi = DbiStream.Read(msf);
        if (identityOnly) return;

        Tpi = TpiStream.Read(msf);
        _types = new PdbTypes(Tpi);

        var omapStream = Dbi.DebugStream(DbiStream.DbgOmapFromSrc);
        var omap = omapStream is { } o && msf.HasStream(o) ? new PdbOmap(msf, o) : null;
        var sectionStream = omap is not null ? Dbi.DebugStream(DbiStream.DbgSectionHdrOrig) ?? Dbi.SectionHeaderStream : Dbi.SectionHeaderStream;
        CheckStream(msf, sectionStream, "section-header stream (optional debug header)");
        Sections = sectionStream is { } s ? ImageSectionHeader.ReadAll(msf, s) : [];
        CheckStream(msf, Dbi.SymRecordStream, "SymRecordStream");
        Publics = Dbi.SymRecordStream is { } sym && msf.HasStream(sym) ? PdbPublics.Read(msf, sym, Sections, omap) : PdbPublics.Empty;
    }

    /// <summary>Reads a PDB file; a damaged one is an <see cref="Physical.ImageFormatException"/> naming the offset, stream and record.</summary>
    public static PdbFile Open(string path)
    {
        using var msf = MsfFile.Open(path);
        return new PdbFile(msf, identityOnly: false);
    }

    /// <summary>Reads a PDB held in memory; <paramref name="name"/> names it in errors.</summary>
    public static PdbFile Parse(string name, byte[] bytes)
    {
        using var msf = MsfFile.Parse(name, bytes);
        return new PdbFile(msf, identityOnly: false);
    }

    /// <summary>Reads only the info stream and the DBI header (GUID and ages), e.g. to match files in a folder.</summary>
    public static PdbFile OpenIdentity(string path)
    {
        using var msf = MsfFile.Open(path);
        return new PdbFile(msf, identityOnly: true);
    }

    public string Path { get; }
    public int BlockSize { get; }
    public uint NumBlocks { get; }
    public uint NumDirectoryBytes { get; }
    public uint BlockMapAddr { get; }
    public int StreamCount { get; }

    public PdbInfoStream Info { get; }
    public DbiStream Dbi { get; }
    public Guid Guid => Info.Guid;

    /// <summary>The DBI age, which equals the RSDS age of the image (the info-stream age can be higher).</summary>
    public uint Age => Dbi.Age;
    public ushort Machine => Dbi.Machine;

    /// <summary>GUID as 32 upper-case hex digits followed by the DBI age in hex, e.g. 1C19FDDB27BB3399D9B45973EFEAFCF31.</summary>
    public string PdbId => SymbolStore.Id(Guid, Age);

    /// <summary>The TPI stream (null for <see cref="OpenIdentity"/>).</summary>
    public TpiStream? Tpi { get; }

    private readonly PdbTypes? _types;

    public PdbTypes Types => _types ?? throw new InvalidOperationException($"{Path}: opened for its identity only; types were not read");

    public IReadOnlyList<ImageSectionHeader> Sections { get; } = [];
    public PdbPublics Publics { get; } = PdbPublics.Empty;

    private static void CheckStream(MsfFile msf, int? index, string what)
    {
        if (index is { } i && i >= msf.StreamCount)
            throw msf.Bad(null, $"DBI stream {DbiStream.Index}: the {what} is stream {i}, but the MSF directory lists only {msf.StreamCount} streams");
    }
}
