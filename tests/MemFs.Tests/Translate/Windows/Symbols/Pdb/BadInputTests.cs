using System.Buffers.Binary;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Symbols.Pdb;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.Symbols.Pdb.TpiBuilder;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>Damaged and hostile PDBs: each is an <see cref="ImageFormatException"/> naming the file, the offset and the stream or field.</summary>
public class BadInputTests
{
    private const string Name = "/evidence/bad.pdb";

    /// <summary>TPI streams built by <see cref="PdbBuilder.WithTypes"/> start at block 4 of 512 bytes.</summary>
    private const long TpiAt = 4 * 512;

    private static ImageFormatException Fails(byte[] bytes, long? offset, params string[] words) => Fails(() => PdbFile.Parse(Name, bytes), offset, words);

    private static ImageFormatException Fails(Action action, long? offset, params string[] words)
    {
        var e = Assert.Throws<ImageFormatException>(action)!;
        Assert.That(e.FilePath, Is.EqualTo(Name));
        Assert.That(e.Offset, Is.EqualTo(offset));
        if (offset is not null) Assert.That(e.Message, Does.StartWith($"{Name}, offset 0x{offset:X}: "));
        foreach (var w in words) Assert.That(e.Message, Does.Contain(w));
        return e;
    }

    private static byte[] Kernel() => File.ReadAllBytes(PdbFixtures.KernelPdbPath);

    private static void Poke(byte[] b, long at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)at), v);

    [TestCase(0)]
    [TestCase(30)]
    [TestCase(55)]
    public void ShorterThanTheSuperblock(int length) => Fails(Kernel()[..length], 0, "shorter than the 56-byte MSF superblock");

    [Test]
    public void TruncatedFile() => Fails(Kernel()[..(5 * 4096)], 0x28, "NumBlocks 11", "truncated");

    [Test]
    public void TruncatedFileOnDisk()
    {
        var path = Path.Combine(Path.GetTempPath(), "memfs-truncated-" + Guid.NewGuid().ToString("N") + ".pdb");
        File.WriteAllBytes(path, Kernel()[..(5 * 4096)]);
        try
        {
            var e = Assert.Throws<ImageFormatException>(() => PdbFile.Open(path))!;
            Assert.That((e.FilePath, e.Offset), Is.EqualTo((path, (long?)0x28)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void BadMagic()
    {
        var b = Kernel();
        b[24] = (byte)'8';
        Fails(b, 0, "not an MSF 7.00 PDB");
    }

    [Test]
    public void OldJgFormat()
    {
        var b = new byte[1024];
        "Microsoft C/C++ program database 2.00\r\n\x1aJG\0\0"u8.CopyTo(b);
        Fails(b, 0, "JG", "only MSF 7.00");
    }

    [TestCase(3000u)]
    [TestCase(0u)]
    [TestCase(8192u)]
    public void BadBlockSize(uint blockSize)
    {
        var b = Kernel();
        Poke(b, 32, blockSize);
        Fails(b, 0x20, $"BlockSize {blockSize}");
    }

    [Test]
    public void BlockMapBeyondNumBlocks()
    {
        var b = Kernel();
        Poke(b, 52, 11);
        Fails(b, 0x34, "BlockMapAddr 11", "beyond the file");
    }

    [Test]
    public void DirectoryBlockBeyondNumBlocks()
    {
        var b = Kernel();
        var map = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(52)) * 4096L;
        Poke(b, map, 11);
        Fails(b, map, "stream directory block 0 is block 11", "beyond the file");
    }

    [Test]
    public void StreamBlockBeyondNumBlocks()
    {
        var b = Kernel();
        var dir = MsfWriter.DirectoryOffset(b);
        // 8 streams: NumStreams, 8 sizes, then block lists; stream 0 is empty, the first entry is stream 1's block
        var entry = dir + 4 + 8 * 4;
        Poke(b, entry, 0x10000);
        Fails(b, entry, "block 0 of stream 1 is block 65536", "NumBlocks 11");
    }

    [Test]
    public void StreamSizeAbsurd()
    {
        var b = Kernel();
        var dir = MsfWriter.DirectoryOffset(b);
        Poke(b, dir + 4 + 2 * 4, 0x7FFFFFFF);
        Fails(b, dir + 12, "stream 2 size 2147483647 is larger than the 45056-byte file");
    }

    [Test]
    public void StreamBlockListPastDirectory()
    {
        var b = Kernel();
        var dir = MsfWriter.DirectoryOffset(b);
        Poke(b, dir + 4 + 7 * 4, 40000); // stream 7 claims 10 blocks the directory does not list
        // block lists of streams 1, 2, 3, 4 and 6 come first: stream 7's would start 56 bytes into the 60-byte directory
        Fails(b, dir + 56, "the block list of stream 7 (10 blocks) runs past NumDirectoryBytes 60");
    }

    [Test]
    public void NumStreamsAbsurd()
    {
        var b = Kernel();
        var dir = MsfWriter.DirectoryOffset(b);
        Poke(b, dir, 0x40000000);
        Fails(b, dir, "NumStreams 1073741824");
    }

    [Test]
    public void NumDirectoryBytesAbsurd()
    {
        var b = Kernel();
        Poke(b, 44, 0x7FFFFFFF);
        Fails(b, 0x2C, "NumDirectoryBytes");
    }

    [Test]
    public void StreamThatDoesNotExist()
    {
        using var msf = MsfFile.Parse(Name, Kernel());
        Fails(() => msf.ReadStream(8), null, "stream 8 does not exist", "8 streams");
    }

    [Test]
    public void TpiRecordLengthPastTheStream()
    {
        var t = new TpiBuilder();
        t.Add(LeafKind.LF_POINTER, U32(0x603), U32(0x1000C));
        t.AddRaw([.. U16(0x7000), .. U16((ushort)LeafKind.LF_ARRAY), .. U32(0x20)]);
        Fails(PdbBuilder.WithTypes(t.Build()), TpiAt + 56 + 12, "TPI stream 2", "record 0x1001", "stream offset 0x44", "record length 28672");
    }

    [Test]
    public void TpiTypeRecordBytesPastTheStream()
    {
        var tpi = new TpiBuilder().Build();
        Poke(tpi, 16, 1000);
        Fails(PdbBuilder.WithTypes(tpi), TpiAt + 16, "TPI stream 2, header", "TypeRecordBytes 1000");
    }

    [Test]
    public void TpiFewerRecordsThanIndices()
    {
        var t = new TpiBuilder();
        t.Add(LeafKind.LF_POINTER, U32(0x603), U32(0x1000C));
        var tpi = t.Build();
        Poke(tpi, 12, 0x1005);
        Fails(PdbBuilder.WithTypes(tpi), TpiAt + 56 + 12, "TPI stream 2", "the type records end after 1 of 5 records");
    }

    [Test]
    public void TpiWrongVersion()
    {
        var tpi = new TpiBuilder().Build();
        Poke(tpi, 0, 19990903);
        Fails(PdbBuilder.WithTypes(tpi), TpiAt, "TPI stream 2, header", "not V80");
    }

    [Test]
    public void NumericLeafPastTheRecord()
    {
        var t = new TpiBuilder();
        t.AddRaw([.. U16(20), .. U16((ushort)LeafKind.LF_STRUCTURE), .. U16(0), .. U16(0), .. U32(0), .. U32(0), .. U32(0), .. U16(0x8004)]);
        Fails(PdbBuilder.WithTypes(t.Build()), TpiAt + 56 + 22, "TPI stream 2, record 0x1000 (LF_STRUCTURE) at stream offset 0x38", "run past the end of the record");
    }

    [Test]
    public void NameWithoutNul()
    {
        var t = new TpiBuilder();
        t.AddRaw([.. U16(22), .. U16((ushort)LeafKind.LF_STRUCTURE), .. U16(0), .. U16(0), .. U32(0), .. U32(0), .. U32(0), .. U16(4), (byte)'A', (byte)'B']);
        Fails(PdbBuilder.WithTypes(t.Build()), TpiAt + 56 + 22, "record 0x1000", "no NUL");
    }

    [Test]
    public void FieldListContinuesIntoItself()
    {
        var t = new TpiBuilder();
        var list = t.Add(LeafKind.LF_FIELDLIST, Member("A", 0x22, 0), Index(0x1000));
        t.Add(LeafKind.LF_STRUCTURE, Structure("_LOOP", list, 4));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Fails(() => pdb.Types.Structure("_LOOP"), TpiAt + 56 + 4, "TPI stream 2, record 0x1000 (LF_FIELDLIST)", "LF_INDEX cycle");
    }

    [Test]
    public void FieldListsContinueInACycle()
    {
        var t = new TpiBuilder();
        var a = t.Add(LeafKind.LF_FIELDLIST, Member("A", 0x22, 0), Index(0x1001));
        t.Add(LeafKind.LF_FIELDLIST, Member("B", 0x22, 4), Index(a));
        t.Add(LeafKind.LF_STRUCTURE, Structure("_LOOP", 0x1001, 8));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Fails(() => pdb.Types.Structure("_LOOP"), TpiAt + 56 + 4, "TPI stream 2, record 0x1000 (LF_FIELDLIST)", "continues into field list 0x1001 again (LF_INDEX cycle)");
    }

    [Test]
    public void CyclicModifierChain()
    {
        var t = new TpiBuilder();
        t.Add(LeafKind.LF_MODIFIER, U32(0x1001), U16(2));
        t.Add(LeafKind.LF_MODIFIER, U32(0x1000), U16(1));
        var list = t.Add(LeafKind.LF_FIELDLIST, Member("Loop", 0x1000, 0));
        t.Add(LeafKind.LF_STRUCTURE, Structure("_CYCLE", list, 4));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Fails(() => pdb.Types.Structure("_CYCLE"), TpiAt + 56 + 4, "TPI stream 2, record 0x1000 (LF_MODIFIER)", $"longer than {PdbTypes.MaxDepth} links");
        Fails(() => pdb.Types.SizeOf(0x1001), TpiAt + 56 + 12 + 4, "record 0x1001 (LF_MODIFIER)", "a cycle");
    }

    [Test]
    public void ArrayOfItself()
    {
        var t = new TpiBuilder();
        t.Add(LeafKind.LF_ARRAY, U32(0x1000), U32(0x23), Numeric(16), Name(""));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Fails(() => pdb.Types.Describe(0x1000), TpiAt + 56 + 4, "record 0x1000 (LF_ARRAY)", "a cycle");
    }

    [Test]
    public void ForwardReferenceToItselfHasNoDefinition()
    {
        var t = new TpiBuilder();
        t.Add(LeafKind.LF_STRUCTURE, Structure("_SELF", 0, 0, 0, forward: true));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Assert.That(pdb.Types.Structure(0x1000), Is.Null);
        Assert.That(pdb.Types.SizeOf(0x1000), Is.Null);
    }

    [Test]
    public void MemberTypeIndexOutOfRange()
    {
        var t = new TpiBuilder();
        var list = t.Add(LeafKind.LF_FIELDLIST, Member("Far", 0x5000, 8));
        t.Add(LeafKind.LF_STRUCTURE, Structure("_FAR", list, 16));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Fails(() => pdb.Types.Structure("_FAR"), TpiAt + 56 + 8, "record 0x1000 (LF_FIELDLIST)", "type index 0x5000 is outside 0x1000–0x1001");
    }

    [Test]
    public void FieldListIndexIsNotAFieldList()
    {
        var t = new TpiBuilder();
        t.Add(LeafKind.LF_POINTER, U32(0x603), U32(0x1000C));
        t.Add(LeafKind.LF_STRUCTURE, Structure("_ODD", 0x1000, 8));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Fails(() => pdb.Types.Structure("_ODD"), TpiAt + 56 + 16, "record 0x1001 (LF_STRUCTURE)", "is a LF_POINTER, not an LF_FIELDLIST");
    }

    [Test]
    public void UnknownFieldListEntry()
    {
        var t = new TpiBuilder();
        var list = t.Add(LeafKind.LF_FIELDLIST, Member("A", 0x22, 0), U16(0x1599), U16(0));
        t.Add(LeafKind.LF_STRUCTURE, Structure("_UNKNOWN", list, 4));
        var pdb = PdbFile.Parse(Name, PdbBuilder.WithTypes(t.Build()));
        Fails(() => pdb.Types.Structure("_UNKNOWN"), TpiAt + 56 + 4 + 12, "unknown field list entry leaf 0x1599");
    }

    [Test]
    public void DbiSubstreamSizeAbsurd()
    {
        var b = PdbBuilder.Dbi(1, 0x8664, PdbBuilder.None, PdbBuilder.None);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), 1 << 30);
        var pdb = MsfWriter.Build([[], PdbBuilder.Info(Guid.Empty, 1), new TpiBuilder().Build(), b], 512);
        Fails(pdb, 5 * 512 + 24, "DBI stream 3, header", "ModInfoSize 1073741824");
    }

    [Test]
    public void DbiVersionSignature()
    {
        var b = PdbBuilder.Dbi(1, 0x8664, PdbBuilder.None, PdbBuilder.None);
        BinaryPrimitives.WriteInt32LittleEndian(b, 0);
        Fails(MsfWriter.Build([[], PdbBuilder.Info(Guid.Empty, 1), new TpiBuilder().Build(), b], 512), 5 * 512, "VersionSignature 0");
    }

    [Test]
    public void MissingDbiStream() =>
        Fails(MsfWriter.Build([[], PdbBuilder.Info(Guid.Empty, 1), new TpiBuilder().Build(), null], 512), null, "DBI stream (stream 3) is missing");

    [Test]
    public void SymRecordStreamBeyondTheDirectory()
    {
        var pdb = MsfWriter.Build([[], PdbBuilder.Info(Guid.Empty, 1), new TpiBuilder().Build(), PdbBuilder.Dbi(1, 0x8664, 40, PdbBuilder.None)], 512);
        Fails(pdb, null, "SymRecordStream is stream 40", "only 4 streams");
    }

    [Test]
    public void SymbolRecordLengthPastTheStream()
    {
        var publics = PdbBuilder.Publics([("PsActiveProcessHead", 1, 0x10, 0)]);
        BinaryPrimitives.WriteUInt16LittleEndian(publics, 0x400);
        var pdb = MsfWriter.Build([[], PdbBuilder.Info(Guid.Empty, 1), new TpiBuilder().Build(), PdbBuilder.Dbi(1, 0x8664, 4, 5),
            publics, PdbBuilder.Sections([(".text", 0x1000, 0x1000)])], 512);
        Fails(pdb, 6 * 512, "symbol record stream 4", "record length 1024");
    }

    [Test]
    public void PartialSectionHeader()
    {
        var pdb = MsfWriter.Build([[], PdbBuilder.Info(Guid.Empty, 1), new TpiBuilder().Build(), PdbBuilder.Dbi(1, 0x8664, 4, 5),
            PdbBuilder.Publics([]), PdbBuilder.Sections([(".text", 0x1000, 0x1000)])[..30]], 512);
        Fails(pdb, 6 * 512 + 24, "section header stream 5, section 1", "run past the end of the record");
    }
}
