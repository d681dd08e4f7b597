namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The DBI stream (stream 3): the 64-byte header (LLVM PDB docs, "The PDB DBI Stream") and the optional debug header,
/// whose sixth entry is the section-header stream. Substreams follow the header in the order ModInfo,
/// SectionContribution, SectionMap, FileInfo (SourceInfo), TypeServerMap, EC, optional debug header; their sizes must
/// fit the stream. A stream index of 0xFFFF means "none" and is exposed as null.
/// </summary>
internal sealed class DbiStream
{
    public const int Index = 3;
    public const int HeaderSize = 64;
    public const uint V70 = 19990903;

    /// <summary>Optional debug header entry numbers.</summary>
    public const int DbgFpo = 0, DbgException = 1, DbgFixup = 2, DbgOmapToSrc = 3, DbgOmapFromSrc = 4, DbgSectionHdr = 5,
        DbgTokenRidMap = 6, DbgXdata = 7, DbgPdata = 8, DbgNewFpo = 9, DbgSectionHdrOrig = 10;

    private readonly ushort[] _debugStreams;

    private DbiStream(MsfFile msf, byte[] data)
    {
        var r = new MsfStreamReader(msf, Index, "DBI", data, 0, data.Length, "header");
        if (data.Length < HeaderSize) throw r.Fail(0, $"the stream is {data.Length} bytes, shorter than the {HeaderSize}-byte header");
        VersionSignature = r.I32();
        if (VersionSignature != -1) throw r.Fail(0, $"VersionSignature {VersionSignature} is not -1 (not a new-format DBI stream)");
        VersionHeader = r.U32();
        Age = r.U32();
        GlobalStreamIndex = StreamIndex(r.U16());
        BuildNumber = r.U16();
        PublicStreamIndex = StreamIndex(r.U16());
        PdbDllVersion = r.U16();
        SymRecordStream = StreamIndex(r.U16());
        PdbDllRbld = r.U16();
        var sizes = new int[8];
        string[] names = ["ModInfoSize", "SectionContributionSize", "SectionMapSize", "SourceInfoSize", "TypeServerMapSize", "MFCTypeServerIndex", "OptionalDbgHeaderSize", "ECSubstreamSize"];
        long total = HeaderSize;
        for (var i = 0; i < sizes.Length; i++)
        {
            var at = r.Position;
            sizes[i] = r.I32();
            if (i == 5) continue;
            if (sizes[i] < 0 || (total += sizes[i]) > data.Length)
                throw r.Fail(at, $"{names[i]} {sizes[i]} does not fit in the {data.Length}-byte stream");
        }
        (ModInfoSize, SectionContributionSize, SectionMapSize, SourceInfoSize, TypeServerMapSize) = (sizes[0], sizes[1], sizes[2], sizes[3], sizes[4]);
        MfcTypeServerIndex = (uint)sizes[5];
        OptionalDbgHeaderSize = sizes[6];
        ECSubstreamSize = sizes[7];
        Flags = r.U16();
        Machine = r.U16();

        var dbgAt = HeaderSize + ModInfoSize + SectionContributionSize + SectionMapSize + SourceInfoSize + TypeServerMapSize + ECSubstreamSize;
        var d = new MsfStreamReader(msf, Index, "DBI", data, dbgAt, dbgAt + OptionalDbgHeaderSize, "optional debug header");
        _debugStreams = new ushort[OptionalDbgHeaderSize / 2];
        for (var i = 0; i < _debugStreams.Length; i++) _debugStreams[i] = d.U16();
    }

    public static DbiStream Read(MsfFile msf)
    {
        if (!msf.HasStream(Index)) throw msf.Bad(null, "the DBI stream (stream 3) is missing");
        return new DbiStream(msf, msf.ReadStream(Index));
    }

    public int VersionSignature { get; }
    public uint VersionHeader { get; }

    /// <summary>The age that equals the RSDS age of the image (the PDB id uses it).</summary>
    public uint Age { get; }
    public int? GlobalStreamIndex { get; }
    public ushort BuildNumber { get; }
    public int? PublicStreamIndex { get; }
    public ushort PdbDllVersion { get; }
    public int? SymRecordStream { get; }
    public ushort PdbDllRbld { get; }
    public int ModInfoSize { get; }
    public int SectionContributionSize { get; }
    public int SectionMapSize { get; }
    public int SourceInfoSize { get; }
    public int TypeServerMapSize { get; }
    public uint MfcTypeServerIndex { get; }
    public int OptionalDbgHeaderSize { get; }
    public int ECSubstreamSize { get; }
    public ushort Flags { get; }

    /// <summary>IMAGE_FILE_MACHINE: 0x8664 x64, 0x14C x86, 0xAA64 ARM64.</summary>
    public ushort Machine { get; }

    /// <summary>The optional debug header entries as read (0xFFFF = none).</summary>
    public IReadOnlyList<ushort> DebugStreams => _debugStreams;

    /// <summary>The stream of an optional debug header entry (<see cref="DbgSectionHdr"/> …), or null.</summary>
    public int? DebugStream(int entry) => entry < _debugStreams.Length ? StreamIndex(_debugStreams[entry]) : null;

    public int? SectionHeaderStream => DebugStream(DbgSectionHdr);

    private static int? StreamIndex(ushort value) => value == 0xFFFF ? null : value;
}
