using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Symbols.Pdb;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>Finding a PDB in a local srv* tree (hex or decimal age) or a flat folder, and the missing-symbol message.</summary>
public class SymbolStoreTests
{
    private string _root = "";
    private byte[] _kernel = [];

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "memfs-symstore-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        _kernel = PdbFixtures.KernelWithPublics();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private string Put(string relative, byte[] bytes)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void Id() => Assert.That(SymbolStore.Id(PdbFixtures.KernelGuid, 0x1A), Is.EqualTo("A1B2C3D4E5F60718293A4B5C6D7E8F901A"));

    [Test]
    public void SrvLayoutHexAge()
    {
        var path = Put("ntkrnlmp.pdb/A1B2C3D4E5F60718293A4B5C6D7E8F902/ntkrnlmp.pdb", _kernel);
        var store = new SymbolStore(_root);
        Assert.That(store.Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelAge), Is.EqualTo(path));
        Assert.That(store.ExpectedPath("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelAge), Is.EqualTo(path));
        Assert.That(store.Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, 3), Is.Null);
        Assert.That(store.Find("ntkrnlmp.pdb", Guid.NewGuid(), PdbFixtures.KernelAge), Is.Null);
        Assert.That(PdbProfileReader.Read(PdbFile.Open(path), path).Rva("PsActiveProcessHead"), Is.EqualTo(0xC1E200));
    }

    [Test]
    public void SrvLayoutDecimalAge()
    {
        // age 26 (0x1A): MemProcFS-style folders print it in decimal
        var bytes = PdbFixtures.KernelWithPublics();
        var pdb = Rewrite(bytes, 26);
        var path = Put("ntkrnlmp.pdb/A1B2C3D4E5F60718293A4B5C6D7E8F9026/ntkrnlmp.pdb", pdb);
        Assert.That(new SymbolStore(_root).Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, 26), Is.EqualTo(path));
    }

    [Test]
    public void SrvLayoutIgnoresCase()
    {
        var path = Put("NTKRNLMP.PDB/a1b2c3d4e5f60718293a4b5c6d7e8f902/NtKrnlMp.pdb", _kernel);
        Assert.That(new SymbolStore(_root).Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelAge), Is.EqualTo(path));
    }

    [Test]
    public void FlatFolderMatchedByGuidAndAge()
    {
        Put("other.pdb", PdbBuilder.WithTypes(new TpiBuilder().Build()));
        Put("damaged.pdb", [1, 2, 3]);
        var path = Put("renamed-kernel.pdb", _kernel);
        var store = new SymbolStore(_root);
        Assert.That(store.Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelAge), Is.EqualTo(path));
        Assert.That(store.Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelInfoAge), Is.Null, "matched by the DBI age");
    }

    [Test]
    public void WrongPdbInSrvFolderIsPassedOver()
    {
        Put("ntkrnlmp.pdb/A1B2C3D4E5F60718293A4B5C6D7E8F902/ntkrnlmp.pdb", PdbBuilder.WithTypes(new TpiBuilder().Build()));
        var flat = Put("ntkrnlmp.pdb.bak/x.pdb", _kernel);
        Assert.That(flat, Does.Exist);
        Assert.That(new SymbolStore(_root).Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelAge), Is.Null);
    }

    [Test]
    public void DamagedPdbInSrvFolderIsReported()
    {
        var path = Put("ntkrnlmp.pdb/A1B2C3D4E5F60718293A4B5C6D7E8F902/ntkrnlmp.pdb", new byte[100]);
        var e = Assert.Throws<ImageFormatException>(() => new SymbolStore(_root).Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelAge))!;
        Assert.That(e.FilePath, Is.EqualTo(path));
    }

    [Test]
    public void CabCompressedIsNotSupported()
    {
        var cab = Put("ntkrnlmp.pdb/A1B2C3D4E5F60718293A4B5C6D7E8F902/ntkrnlmp.pd_", [0x4D, 0x53, 0x43, 0x46]);
        var e = Assert.Throws<ImageFormatException>(() => new SymbolStore(_root).Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, PdbFixtures.KernelAge))!;
        Assert.That(e.FilePath, Is.EqualTo(cab));
        Assert.That(e.Message, Does.Contain("cab-compressed").And.Contain("expand ntkrnlmp.pd_ ntkrnlmp.pdb"));
    }

    [Test]
    public void MissingRootFindsNothing() =>
        Assert.That(new SymbolStore(Path.Combine(_root, "absent")).Find("ntkrnlmp.pdb", PdbFixtures.KernelGuid, 2), Is.Null);

    [Test]
    public void MissingMessage()
    {
        var guid = new Guid("5278AFF8-6C34-1677-D7D7-835C85B7B844");
        var store = new SymbolStore("/cases/symbols");
        Assert.That(store.MissingMessage("ntkrnlmp.pdb", guid, 1), Is.EqualTo(
            "ntkrnlmp.pdb 5278AFF86C341677D7D7835C85B7B8441 not found; expected " +
            Path.Combine("/cases/symbols", "ntkrnlmp.pdb", "5278AFF86C341677D7D7835C85B7B8441", "ntkrnlmp.pdb") +
            "; download it on a connected machine from https://msdl.microsoft.com/download/symbols/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B8441/ntkrnlmp.pdb"));
    }

    /// <summary>The kernel fixture with another DBI age (the DBI stream is rebuilt).</summary>
    private static byte[] Rewrite(byte[] pdb, uint age)
    {
        using var msf = MsfFile.Parse("k.pdb", pdb);
        var streams = Enumerable.Range(0, msf.StreamCount).Select(i => msf.HasStream(i) ? msf.ReadStream(i) : null).ToList();
        var dbi = streams[DbiStream.Index]!;
        BitConverter.TryWriteBytes(dbi.AsSpan(8), age);
        return MsfWriter.Build(streams);
    }
}
