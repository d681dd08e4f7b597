using MemFs.Mount;
using System.Buffers.Binary;
using System.Text;
using MemFs.Mount.WinFsp;
using MemFs.Tests.Mount.Fuse;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>
/// The requests WinFsp sends, answered from the FUSE tests' tree without WinFsp: the NTSTATUS each case gets, the bytes
/// reads return, what listings and exact-name queries contain. Only the DLL's directory buffer and the callback wiring
/// are left to the Windows mount test.
/// </summary>
public unsafe class WinFspFileSystemTests
{
    private const uint FILE_DIRECTORY_FILE = 0x1, FILE_NON_DIRECTORY_FILE = 0x40;
    private const uint FILE_READ_DATA = 0x1, FILE_WRITE_DATA = 0x2, FILE_WRITE_ATTRIBUTES = 0x100, DELETE = 0x10000;

    private WinFspFileSystem _fs = null!;

    [SetUp]
    public void CreateFileSystem() => _fs = new WinFspFileSystem(new Tree(), "memfs");

    [Test]
    public void FilesOpenWithTheirInfo()
    {
        var (status, context, info) = Open(@"\README.txt");
        Assert.That(status, Is.EqualTo(NtStatus.Success));
        Assert.That(context, Is.Not.Zero);
        Assert.That(info.FileSize, Is.EqualTo((ulong)TestTree.ReadmeText.Length));
        Assert.That(info.AllocationSize, Is.EqualTo(4096UL));
        Assert.That(info.FileAttributes, Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_READONLY));
        Assert.That(info.IndexNumber, Is.EqualTo(FileIndex.Of("/README.txt")));
        FspFileInfo again;
        Assert.That(_fs.GetFileInfo(context, &again), Is.EqualTo(NtStatus.Success));
        Assert.That(again, Is.EqualTo(info));

        (status, _, info) = Open(@"\nested\many", createOptions: FILE_DIRECTORY_FILE);
        Assert.That(status, Is.EqualTo(NtStatus.Success));
        Assert.That(info.FileAttributes, Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_DIRECTORY));
        Assert.That(Open(@"\").Status, Is.EqualTo(NtStatus.Success), "the root");
    }

    [Test]
    public void MissingNamesAndMissingPathsAreTold()
    {
        Assert.That(Open(@"\nope.txt").Status, Is.EqualTo(NtStatus.ObjectNameNotFound));
        Assert.That(Open(@"\nested\nope.txt").Status, Is.EqualTo(NtStatus.ObjectNameNotFound));
        Assert.That(Open(@"\nope\hello.txt").Status, Is.EqualTo(NtStatus.ObjectPathNotFound));
        Assert.That(Open(@"\README.txt\x").Status, Is.EqualTo(NtStatus.ObjectPathNotFound), "a file is no directory");
        Assert.That(Open(@"\readme.txt").Status, Is.EqualTo(NtStatus.ObjectNameNotFound), "names are case-sensitive");
        uint attributes;
        nuint size = 4096;
        Assert.That(_fs.GetSecurityByName(@"\nested\nope.txt", &attributes, null, &size), Is.EqualTo(NtStatus.ObjectNameNotFound));
    }

    [Test]
    public void WritesAndKindMismatchesAreRefused()
    {
        Assert.That(Open(@"\README.txt", FILE_READ_DATA | FILE_WRITE_DATA).Status, Is.EqualTo(NtStatus.MediaWriteProtected));
        Assert.That(Open(@"\README.txt", FILE_WRITE_ATTRIBUTES).Status, Is.EqualTo(NtStatus.MediaWriteProtected));
        Assert.That(Open(@"\nested", DELETE).Status, Is.EqualTo(NtStatus.MediaWriteProtected));
        Assert.That(Open(@"\README.txt", createOptions: FILE_DIRECTORY_FILE).Status, Is.EqualTo(NtStatus.NotADirectory));
        Assert.That(Open(@"\nested", createOptions: FILE_NON_DIRECTORY_FILE).Status, Is.EqualTo(NtStatus.FileIsADirectory));
    }

    [Test]
    public void SecurityByNameGivesAttributesAndTheDescriptor()
    {
        uint attributes = 0;
        var buffer = new byte[256];
        nuint size = (nuint)buffer.Length;
        fixed (byte* p = buffer)
            Assert.That(_fs.GetSecurityByName(@"\nested", &attributes, p, &size), Is.EqualTo(NtStatus.Success));
        Assert.That(attributes, Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_DIRECTORY));
        Assert.That(buffer.AsSpan(0, (int)size).SequenceEqual(ReadOnlySecurity.Descriptor));
        Assert.That(_fs.GetSecurityByName(@"\small.bin", &attributes, null, null), Is.EqualTo(NtStatus.Success));
        Assert.That(attributes, Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_READONLY));
    }

    [Test]
    public void ReadsReturnTheBytesAndEndOfFileAtTheEnd()
    {
        var context = Open(@"\small.bin").Context;
        var buffer = new byte[65536];
        Assert.That(Read(context, buffer, 12_345, out var n), Is.EqualTo(NtStatus.Success));
        Assert.That(n, Is.EqualTo(buffer.Length));
        Assert.That(buffer, Is.EqualTo(PatternFile.Expected(12_345, buffer.Length)));

        Assert.That(Read(context, buffer, 100_000, out n), Is.EqualTo(NtStatus.Success), "a read across the end is short");
        Assert.That(n, Is.EqualTo(3));
        Assert.That(buffer[..3], Is.EqualTo(PatternFile.Expected(100_000, 3)));
        Assert.That(Read(context, buffer, 100_003, out n), Is.EqualTo(NtStatus.EndOfFile));
        Assert.That(n, Is.Zero);
        Assert.That(Read(context, buffer, ulong.MaxValue, out _), Is.EqualTo(NtStatus.EndOfFile));

        Assert.That(_fs.Close(context)?.Path, Is.EqualTo("/small.bin"));
        Assert.That(Read(context, buffer, 0, out _), Is.EqualTo(NtStatus.InvalidHandle), "closed");
        Assert.That(Read(Open(@"\nested").Context, buffer, 0, out _), Is.EqualTo(NtStatus.FileIsADirectory));
    }

    [Test]
    public void AnUnreadablePageIsAnIoDeviceErrorLoggedOnce()
    {
        var log = new StringWriter();
        var stderr = RequestErrorLog.Output;
        RequestErrorLog.Output = log;
        try
        {
            var context = Open(@"\faulty.bin").Context;
            var page = new byte[4096];
            for (var i = 0; i < 5; i++)
                Assert.That(Read(context, page, FaultyFile.BadOffset, out var none), Is.EqualTo(NtStatus.IoDeviceError));
            Assert.That(Read(context, page, FaultyFile.BadOffset + 4096, out var n), Is.EqualTo(NtStatus.Success));
            Assert.That(n, Is.EqualTo(page.Length));
            Assert.That(page, Is.EqualTo(PatternFile.Expected(FaultyFile.BadOffset + 4096, page.Length)));
            Assert.That(log.ToString(), Is.EqualTo($"memfs: winfsp: read /faulty.bin @{FaultyFile.BadOffset}: page 0x300000 is not in the image\n"));
        }
        finally
        {
            RequestErrorLog.Output = stderr;
        }
    }

    [Test]
    public void ListingsHaveDotEntriesBelowTheRootAndEveryChild()
    {
        var root = _fs.Opened(Open(@"\").Context)!;
        Assert.That(_fs.Listing(root).Select(e => e.Name),
            Is.EqualTo(new[] { "README.txt", "nested", "vmem", "faulty.bin", "big.bin", "small.bin", "resolving" }));
        var vmem = _fs.Listing(root).Single(e => e.Name == "vmem").Info;
        Assert.That(vmem.FileSize, Is.EqualTo((ulong)SparseFile.Size));
        Assert.That(vmem.AllocationSize, Is.EqualTo((ulong)(2 * SparseFile.RangeLength)));
        Assert.That(vmem.IndexNumber, Is.EqualTo(FileIndex.Of("/vmem")));

        var many = _fs.Opened(Open(@"\nested\many").Context)!;
        var entries = _fs.Listing(many).ToArray();
        Assert.That(entries.Take(2).Select(e => e.Name), Is.EqualTo(new[] { ".", ".." }));
        Assert.That(entries[0].Info.FileAttributes, Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_DIRECTORY));
        Assert.That(entries.Skip(2).Select(e => e.Name), Is.EqualTo(Enumerable.Range(0, TestTree.ManyCount).Select(i => $"f{i:D3}.txt")));
        Assert.That(entries[2 + 123].Info.FileSize, Is.EqualTo((ulong)TestTree.ManyText(123).Length));
        Assert.That(entries.Skip(2).Select(e => e.Info.IndexNumber).Distinct().Count(), Is.EqualTo(TestTree.ManyCount));
    }

    [Test]
    public void ExactNamesIncludeNamesProducedOnLookup()
    {
        var context = Open(@"\resolving").Context;
        var entry = new byte[FspDirInfo.ByNameSize];
        Assert.That(_fs.GetDirInfoByName(context, "0x1000.txt", entry), Is.EqualTo(NtStatus.Success), "not listed, found by name");
        var size = BinaryPrimitives.ReadUInt16LittleEndian(entry);
        Assert.That(Encoding.Unicode.GetString(entry, FspDirInfo.NameOffset, size - FspDirInfo.NameOffset), Is.EqualTo("0x1000.txt"));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(FspDirInfo.FileInfoOffset + 16)), Is.EqualTo(12UL), "FileSize of the produced text");
        Assert.That(_fs.GetDirInfoByName(context, "listed.txt", entry), Is.EqualTo(NtStatus.Success));
        Assert.That(_fs.GetDirInfoByName(context, "nope", entry), Is.EqualTo(NtStatus.ObjectNameNotFound));
        Assert.That(_fs.GetDirInfoByName(context, "LISTED.TXT", entry), Is.EqualTo(NtStatus.ObjectNameNotFound));
        Assert.That(_fs.GetDirInfoByName(Open(@"\small.bin").Context, "x", entry), Is.EqualTo(NtStatus.NotADirectory));
        Assert.That(Open(@"\resolving\0x2000.txt").Status, Is.EqualTo(NtStatus.Success), "and opened by name");
    }

    [Test]
    public void VolumeInfoAndCloseAll()
    {
        FspVolumeInfo info;
        Assert.That(_fs.GetVolumeInfo(&info), Is.EqualTo(NtStatus.Success));
        Assert.That(new string(info.VolumeLabel, 0, info.VolumeLabelLength / 2), Is.EqualTo("memfs"));
        Open(@"\README.txt");
        Open(@"\nested");
        Assert.That(_fs.CloseAll().Select(o => o.Path).Order(), Is.EqualTo(new[] { "/README.txt", "/nested" }));
        Assert.That(_fs.CloseAll(), Is.Empty);
    }

    private (int Status, nint Context, FspFileInfo Info) Open(string name, uint access = FILE_READ_DATA, uint createOptions = 0)
    {
        nint context = 0;
        FspFileInfo info = default;
        var status = _fs.Open(name, createOptions, access, &context, &info);
        return (status, context, info);
    }

    private int Read(nint context, byte[] buffer, ulong offset, out uint transferred)
    {
        uint n = 0xDEAD;
        var status = _fs.Read(context, buffer, offset, &n);
        transferred = n;
        return status;
    }

    /// <summary>The FUSE tests' tree plus a directory that produces "0x….txt" names on lookup, like vtop/.</summary>
    private sealed class Tree : IVirtualFileSystem
    {
        public VfsDirectory Root { get; } = new("", () => new TestTree().Root.Children.Append(
            new VfsDirectory("resolving", () => [BytesFile.Text("listed.txt", () => "listed")],
                name => name.StartsWith("0x", StringComparison.Ordinal) ? BytesFile.Text(name, () => $"page {name[..^4]}\n") : null)));
    }
}
