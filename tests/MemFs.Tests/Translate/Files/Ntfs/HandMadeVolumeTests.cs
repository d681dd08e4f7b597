using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Files.Ntfs;
using MemFs.Translate.Physical;
using NUnit.Framework;
using static MemFs.Tests.Translate.Files.Ntfs.TestNtfsStructures;

namespace MemFs.Tests.Translate.Files.Ntfs;

/// <summary>NTFS semantics and bad input on volumes built by hand (no tools needed).</summary>
public class HandMadeVolumeTests
{
    private static byte[] Bytes(int length, int seed)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static NtfsVolume Open(byte[] image) => NtfsVolume.Open(new TestArraySource(image, "hand.img"));

    private static byte[] ReadAll(NtfsVolume volume, string path)
    {
        using var data = volume.OpenData(volume.FindFile(path) ?? throw new AssertionException($"{path} not found"));
        var bytes = new byte[data.Length];
        Assert.That(data.Read(0, bytes), Is.EqualTo(bytes.Length));
        return bytes;
    }

    [Test]
    public void ReadsResidentAndNonResidentFiles()
    {
        var b = new TestNtfsBuilder();
        var small = Bytes(100, 1);
        var large = Bytes(3 * 4096 + 17, 2);
        b.AddResidentFile("small.txt", small);
        b.AddNonResidentFile("Large.bin", large);
        using var volume = Open(b.Build());
        Assert.That(ReadAll(volume, @"\small.txt"), Is.EqualTo(small));
        Assert.That(ReadAll(volume, @"C:\LARGE.BIN"), Is.EqualTo(large));
        Assert.That(volume.FindFile(@"\missing.bin"), Is.Null);
    }

    [Test]
    public void SparseRunsOfASparseFileReadAsZeros()
    {
        var b = new TestNtfsBuilder();
        var lcn = b.AllocateClusters(1);
        var cluster = Bytes(4096, 3);
        b.WriteClusters(lcn, cluster);
        b.AddFile("sparse.bin", NonResident(0x80, Runlist((null, 2), (lcn, 1)), 0, 2, 3 * 4096, 3 * 4096, 3 * 4096, flags: 0x8000));
        using var volume = Open(b.Build());
        var data = ReadAll(volume, "sparse.bin");
        Assert.That(data.AsSpan(0, 8192).ContainsAnyExcept((byte)0), Is.False);
        Assert.That(data.AsSpan(8192).ToArray(), Is.EqualTo(cluster));
    }

    [Test]
    public void SparseRunInANonSparseFileIsAnError()
    {
        var b = new TestNtfsBuilder();
        b.AddFile("holes.bin", NonResident(0x80, Runlist((null, 2)), 0, 1, 2 * 4096, 2 * 4096, 2 * 4096));
        using var volume = Open(b.Build());
        var file = volume.FindFile("holes.bin")!;
        Assert.That(() => volume.OpenData(file), Throws.TypeOf<ImageFormatException>().With.Message.Contains("not flagged sparse"));
    }

    [Test]
    public void BytesPastTheInitializedSizeReadAsZerosUpToTheDataSize()
    {
        var b = new TestNtfsBuilder();
        var lcn = b.AllocateClusters(2);
        b.WriteClusters(lcn, Bytes(8192, 4));
        b.AddFile("init.bin", NonResident(0x80, Runlist((lcn, 2)), 0, 1, 8192, 6000, 1000));
        using var volume = Open(b.Build());
        var data = ReadAll(volume, "init.bin");
        Assert.That(data, Has.Length.EqualTo(6000));
        Assert.That(data.AsSpan(0, 1000).ToArray(), Is.EqualTo(Bytes(8192, 4).AsSpan(0, 1000).ToArray()));
        Assert.That(data.AsSpan(1000).ContainsAnyExcept((byte)0), Is.False);
    }

    [TestCase((ushort)0x0001, "compressed NTFS data is not supported")]
    [TestCase((ushort)0x4000, "encrypted NTFS data")]
    public void CompressedAndEncryptedDataAreRefusedClearly(ushort flags, string message)
    {
        var b = new TestNtfsBuilder();
        var lcn = b.AllocateClusters(1);
        b.AddFile("packed.bin", NonResident(0x80, Runlist((lcn, 1)), 0, 0, 4096, 100, 100, flags));
        using var volume = Open(b.Build());
        var file = volume.FindFile("packed.bin")!;
        Assert.That(() => volume.OpenData(file), Throws.TypeOf<ImageFormatException>()
            .With.Message.Contains(message).And.Message.Contains("packed.bin"));
    }

    [Test]
    public void FixupMismatchNamesTheRecord()
    {
        var b = new TestNtfsBuilder();
        var record = b.AddResidentFile("a.txt", [1, 2, 3]);
        var image = b.Build();
        image[b.RecordOffset(record) + 1022] ^= 0xFF;
        using var volume = Open(image);
        Assert.That(() => volume.FindFile("a.txt"), Throws.TypeOf<ImageFormatException>()
            .With.Message.Contains($"MFT record {record}").And.Message.Contains("update sequence mismatch"));
    }

    [Test]
    public void RunlistPastTheVolumeIsAnError()
    {
        var b = new TestNtfsBuilder();
        b.AddFile("far.bin", NonResident(0x80, Runlist((5000, 2)), 0, 1, 8192, 8192, 8192));
        using var volume = Open(b.Build());
        Assert.That(() => volume.FindFile("far.bin"), Throws.TypeOf<ImageFormatException>()
            .With.Message.Contains("outside the volume").And.Message.Contains("hand.img"));
    }

    [Test]
    public void AttributeLengthPastTheRecordIsAnError()
    {
        var b = new TestNtfsBuilder();
        var record = b.AddResidentFile("a.txt", [1, 2, 3]);
        var image = b.Build();
        Put32(image, (int)b.RecordOffset(record) + 0x38 + 4, 0x1000);
        using var volume = Open(image);
        Assert.That(() => volume.FindFile("a.txt"), Throws.TypeOf<ImageFormatException>()
            .With.Message.Contains("length 4096 runs past"));
    }

    [Test]
    public void AbsurdDataSizeIsBoundedByTheRuns()
    {
        var b = new TestNtfsBuilder();
        var lcn = b.AllocateClusters(1);
        b.AddFile("huge.bin", NonResident(0x80, Runlist((lcn, 1)), 0, 0, 1L << 50, 1L << 50, 1L << 50));
        using var volume = Open(b.Build());
        var file = volume.FindFile("huge.bin")!;
        Assert.That(() => volume.OpenData(file), Throws.TypeOf<ImageFormatException>().With.Message.Contains("less than the data size"));
    }

    [Test]
    public void DataSizeAboveAllocatedSizeIsAnError()
    {
        var b = new TestNtfsBuilder();
        var lcn = b.AllocateClusters(1);
        b.AddFile("bad.bin", NonResident(0x80, Runlist((lcn, 1)), 0, 0, 4096, 1L << 40, 0));
        using var volume = Open(b.Build());
        Assert.That(() => volume.FindFile("bad.bin"), Throws.TypeOf<ImageFormatException>().With.Message.Contains("sizes are inconsistent"));
    }

    [Test]
    public void IndexEntryBeyondTheMftIsAnError()
    {
        var b = new TestNtfsBuilder();
        b.RootIndexAttributes = [Resident(0x90, IndexRoot([IndexEntry(1_000_000, FileName(5, "ghost")), LastEntry()]), "$I30")];
        using var volume = Open(b.Build());
        Assert.That(() => volume.FindFile("ghost"), Throws.TypeOf<ImageFormatException>().With.Message.Contains("outside the $MFT"));
    }

    [Test]
    public void IndexCycleIsDetected()
    {
        var b = new TestNtfsBuilder();
        var lcn = b.AllocateClusters(1);
        b.WriteClusters(lcn, IndexBlock(0, [IndexEntry(16, FileName(5, "m"), subnode: 0), LastEntry(subnode: 0)]));
        b.RootIndexAttributes =
        [
            Resident(0x90, IndexRoot([LastEntry(subnode: 0)]), "$I30"),
            NonResident(0xA0, Runlist((lcn, 1)), 0, 0, 4096, 4096, 4096, name: "$I30"),
        ];
        using var volume = Open(b.Build());
        var task = Task.Run(() => volume.FindFile("zzz"));
        Assert.That(Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10))).Result, Is.SameAs(task), "lookup hung");
        Assert.That(task.Exception?.InnerException, Is.TypeOf<ImageFormatException>().And.Message.Contains("cycle"));
        Assert.That(() => volume.ListDirectory(volume.FindFile(@"\")!), Throws.TypeOf<ImageFormatException>().With.Message.Contains("cycle"));
    }

    [Test]
    public void IndexEntryLengthPastItsBlockIsAnError()
    {
        var b = new TestNtfsBuilder();
        var entry = IndexEntry(16, FileName(5, "a.txt"));
        Put16(entry, 8, 0x800);
        b.RootIndexAttributes = [Resident(0x90, IndexRoot([entry, LastEntry()]), "$I30")];
        using var volume = Open(b.Build());
        Assert.That(() => volume.FindFile("a.txt"), Throws.TypeOf<ImageFormatException>().With.Message.Contains("runs outside its node"));
    }

    [Test]
    public void SubnodesInIndxBlocksAreFollowed()
    {
        var b = new TestNtfsBuilder();
        var content = Bytes(50, 9);
        var file = b.NextRecord();
        b.SetRecord(file, Record(1, [Resident(0x30, FileName(5, "deep.txt")), Resident(0x80, content)]));
        var lcn = b.AllocateClusters(1);
        b.WriteClusters(lcn, IndexBlock(0, [IndexEntry(file, FileName(5, "deep.txt")), LastEntry()]));
        b.RootIndexAttributes =
        [
            Resident(0x90, IndexRoot([LastEntry(subnode: 0)]), "$I30"),
            NonResident(0xA0, Runlist((lcn, 1)), 0, 0, 4096, 4096, 4096, name: "$I30"),
        ];
        using var volume = Open(b.Build());
        Assert.That(ReadAll(volume, "DEEP.TXT"), Is.EqualTo(content));
    }

    [Test]
    public void AttributeListSpreadsDataOverExtensionRecordsAndLoopsEnd()
    {
        var b = new TestNtfsBuilder();
        var data = Bytes(3 * 4096, 10);
        var lcn = b.AllocateClusters(3);
        b.WriteClusters(lcn, data);
        var baseRecord = b.NextRecord();
        var ext1 = b.NextRecord();
        var ext2 = b.NextRecord();
        byte[] ListEntry(uint type, long vcn, long record, ushort id)
        {
            var e = new byte[0x20];
            Put32(e, 0, type); Put16(e, 4, 0x20); Put64(e, 8, (ulong)vcn); Put64(e, 0x10, (ulong)record | 1UL << 48); Put16(e, 0x18, id);
            return e;
        }
        // The list names each extension several times and the base itself: each record is still read once.
        byte[] list = [.. ListEntry(0x30, 0, baseRecord, 1), .. ListEntry(0x80, 0, ext1, 3), .. ListEntry(0x80, 2, ext2, 4),
            .. ListEntry(0x80, 0, ext1, 3), .. ListEntry(0x80, 2, ext2, 4), .. ListEntry(0x20, 0, baseRecord, 2)];
        b.SetRecord(baseRecord, Record(1, [Resident(0x20, list, id: 2), Resident(0x30, FileName(5, "split.bin"), id: 1)]));
        b.SetRecord(ext1, Record(1, [NonResident(0x80, Runlist((lcn, 2)), 0, 1, 3 * 4096, data.Length, data.Length, id: 3)], baseRecord));
        // An extension record's own list pointing back at the base is ignored.
        b.SetRecord(ext2, Record(1, [Resident(0x20, ListEntry(0x80, 0, baseRecord, 9), id: 5),
            NonResident(0x80, Runlist((lcn + 2, 1)), 2, 2, 0, 0, 0, id: 4)], baseRecord));
        b.RootIndexAttributes = [Resident(0x90, IndexRoot([IndexEntry(baseRecord, FileName(5, "split.bin")), LastEntry()]), "$I30")];
        using var volume = Open(b.Build());
        Assert.That(ReadAll(volume, "split.bin"), Is.EqualTo(data));
    }

    [Test]
    public void AttributeListNamingAForeignRecordIsAnError()
    {
        var b = new TestNtfsBuilder();
        var other = b.AddResidentFile("other.txt", [1]);
        var list = new byte[0x20];
        Put32(list, 0, 0x80); Put16(list, 4, 0x20); Put64(list, 0x10, (ulong)other);
        b.AddFile("x.bin", Resident(0x20, list));
        using var volume = Open(b.Build());
        Assert.That(() => volume.FindFile("x.bin"), Throws.TypeOf<ImageFormatException>().With.Message.Contains("not an extension"));
    }

    [TestCase(0x0D, (byte)3, "sectors per cluster")]
    [TestCase(0x0C, (byte)3, "bytes per sector")]
    [TestCase(0x40, (byte)0, "clusters per MFT record")]
    [TestCase(0x44, (byte)0x81, "clusters per index record")]
    [TestCase(0x30, (byte)0xFF, "$MFT cluster")]
    public void BadBootSectorFieldsAreNamed(int field, byte value, string message)
    {
        var image = new TestNtfsBuilder().Build();
        image[field] = value;
        Assert.That(() => Open(image), Throws.TypeOf<ImageFormatException>().With.Message.Contains(message).And.Message.Contains("hand.img"));
    }

    [Test]
    public void NotNtfsIsRefused()
    {
        Assert.That(() => Open(new byte[4096]), Throws.TypeOf<ImageFormatException>().With.Message.Contains("not an NTFS volume"));
        Assert.That(NtfsVolume.FindNtfsVolumes(new TestArraySource(new byte[4096])), Is.Empty);
    }

    [Test]
    public void TruncatedImageIsAnError()
    {
        var b = new TestNtfsBuilder();
        b.AddNonResidentFile("tail.bin", Bytes(4096, 5));
        var image = b.Build();
        using var volume = NtfsVolume.Open(new TestArraySource(image[..(16 * 4096 + 100)], "cut.img"));
        using var data = volume.OpenData(volume.FindFile("tail.bin")!);
        Assert.That(() => data.Read(0, new byte[4096]), Throws.TypeOf<ImageFormatException>().With.Message.Contains("past the end"));
    }
}
