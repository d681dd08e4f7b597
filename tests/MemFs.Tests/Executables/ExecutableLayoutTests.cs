using System.Buffers.Binary;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>executable.exe's layout from PE headers, including damaged and hostile ones: every byte placed once, nothing unbounded.</summary>
public class ExecutableLayoutTests
{
    /// <summary>A PE32+ header page with the given sections (name, RVA, VirtualSize, raw offset, raw size).</summary>
    private static PeImageView Headers(uint sizeOfImage, params (string Name, uint Rva, uint VirtualSize, uint RawOffset, uint RawSize)[] sections)
    {
        var page = new byte[PeImageView.HeaderBytes];
        page[0] = (byte)'M';
        page[1] = (byte)'Z';
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(0x3C), 0x80);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(0x80), 0x4550);
        BinaryPrimitives.WriteUInt16LittleEndian(page.AsSpan(0x84), 0x8664);
        BinaryPrimitives.WriteUInt16LittleEndian(page.AsSpan(0x86), (ushort)sections.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(page.AsSpan(0x94), 0xF0);
        const int optional = 0x98;
        BinaryPrimitives.WriteUInt16LittleEndian(page.AsSpan(optional), 0x20B);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(optional + 32), 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(optional + 36), 0x200);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(optional + 56), sizeOfImage);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(optional + 60), 0x400);
        for (var i = 0; i < sections.Length; i++)
        {
            var s = page.AsSpan(optional + 0xF0 + i * 40, 40);
            System.Text.Encoding.ASCII.GetBytes(sections[i].Name).CopyTo(s);
            BinaryPrimitives.WriteUInt32LittleEndian(s[8..], sections[i].VirtualSize);
            BinaryPrimitives.WriteUInt32LittleEndian(s[12..], sections[i].Rva);
            BinaryPrimitives.WriteUInt32LittleEndian(s[16..], sections[i].RawSize);
            BinaryPrimitives.WriteUInt32LittleEndian(s[20..], sections[i].RawOffset);
        }
        return PeImageView.Parse(new HeadersOnly(), 0x1_4000_0000, page, out var why) ?? throw new AssertionException(why ?? "unparsable");
    }

    private static void AssertContiguous(ExecutableLayout layout)
    {
        long end = 0;
        foreach (var piece in layout.Pieces)
        {
            Assert.That(piece.Offset, Is.EqualTo(end), $"{piece.Part} starts where the previous piece ends");
            Assert.That(piece.Length, Is.Positive);
            end = piece.End;
        }
        Assert.That(layout.Length, Is.EqualTo(end));
    }

    [Test]
    public void SectionsGoToTheirRawOffsetsAndTheOverlayComesFromDisk()
    {
        var layout = ExecutableLayout.Build(Headers(0x3000, (".text", 0x1000, 0x1234, 0x400, 0x1400), (".data", 0x2000, 0x10, 0x1800, 0x200)), 0x3000, 0x2000, false);
        AssertContiguous(layout);
        Assert.That(layout.Pieces, Is.EqualTo(new[]
        {
            new FilePiece(0, 0x400, PieceSource.Image, 0, "headers"),
            new FilePiece(0x400, 0x1400, PieceSource.Image, 0x1000, ".text"),
            new FilePiece(0x1800, 0x200, PieceSource.Image, 0x2000, ".data"),
            new FilePiece(0x1A00, 0x600, PieceSource.Disk, 0x1A00, "overlay"),
        }));
    }

    [Test]
    public void RawBytesPastTheMappedSectionComeFromDiskOrAreMissing()
    {
        // .text has 0x3000 raw bytes but maps only 0x1000 (VirtualSize 0x800 rounded to a page).
        var headers = Headers(0x2000, (".text", 0x1000, 0x800, 0x400, 0x3000));
        var withDisk = ExecutableLayout.Build(headers, 0x2000, 0x2000, false);
        AssertContiguous(withDisk);
        Assert.That(withDisk.Pieces.Select(p => (p.Source, p.Length)), Is.EqualTo(new[]
        {
            (PieceSource.Image, 0x400L), (PieceSource.Image, 0x1000L), (PieceSource.Disk, 0xC00L), (PieceSource.Missing, 0x1400L),
        }), "the file on disk reaches 0x2000; the rest of the raw data is missing");
        var withoutDisk = ExecutableLayout.Build(headers, 0x2000, null, false);
        Assert.That(withoutDisk.Pieces.Last().Source, Is.EqualTo(PieceSource.Missing));
        Assert.That(withoutDisk.Length, Is.EqualTo(0x3400));
    }

    [Test]
    public void OverlappingSectionsKeepTheEarlierBytesAndSayWhy()
    {
        var layout = ExecutableLayout.Build(Headers(0x3000, (".a", 0x1000, 0x1000, 0x400, 0x1000), (".b", 0x2000, 0x1000, 0x800, 0x1000)), 0x3000, null, false);
        AssertContiguous(layout);
        Assert.That(layout.Pieces.Single(p => p.Part == ".b"), Is.EqualTo(new FilePiece(0x1400, 0x400, PieceSource.Image, 0x2C00, ".b")));
        Assert.That(layout.Notes.Single(), Does.Contain(".b").And.Contain("overlap"));
    }

    [Test]
    public void AbsurdRawOffsetsAreLeftOutNotAllocated()
    {
        var layout = ExecutableLayout.Build(Headers(0x2000, (".evil", 0x1000, 0x1000, 0xFFFF_F000, 0xFFFF_0000)), 0x2000, null, false);
        AssertContiguous(layout);
        Assert.That(layout.Length, Is.EqualTo(0x400), "only the headers remain");
        Assert.That(layout.Notes.Single(), Does.Contain(".evil").And.Contain("lies past 0x4000, further than a file of this image reaches"));
    }

    /// <summary>Raw data inside the 1 GiB limit but far past the image and the file on disk is damage too: left out, and the overlay its headers claim is cut (fuzz corpus hang-files-11-1915).</summary>
    [Test]
    public void RawDataFarPastTheImageAndTheFileIsLeftOut()
    {
        var layout = ExecutableLayout.Build(Headers(0x6000, (".far", 0x1000, 0x1000, 0x5D75_3884, 0x1000)), 0x6000, 0x2A4, true);
        AssertContiguous(layout);
        Assert.That(layout.Length, Is.EqualTo(0xC000), "up to twice the image's size, not to 0x5D754884");
        Assert.That(layout.Notes, Has.Some.Contain(".far: raw data 0x5D753884+0x1000 lies past 0xC000"));
        Assert.That(layout.Notes, Has.Some.Contain("the file on disk is 0x5D754884 bytes by its headers; its overlay is cut at 0xC000"));
    }

    [Test]
    public void SectionsBeyondTheImageTakeNothingFromMemory()
    {
        var layout = ExecutableLayout.Build(Headers(0x2000, (".late", 0x5000, 0x1000, 0x400, 0x200)), 0x2000, null, false);
        AssertContiguous(layout);
        Assert.That(layout.Pieces.Single(p => p.Part == ".late").Source, Is.EqualTo(PieceSource.Missing));
    }

    /// <summary>Random section tables (any offsets, sizes, overlaps): a layout is always built, contiguous and bounded.</summary>
    [Test]
    public void RandomSectionTablesGiveBoundedContiguousLayouts()
    {
        var random = new Random(20261121);
        for (var round = 0; round < 500; round++)
        {
            var sections = Enumerable.Range(0, random.Next(0, 12)).Select(i => ($".s{i}", (uint)random.Next(), (uint)random.Next(), Pick(random), Pick(random))).ToArray();
            var imageSize = (uint)random.Next(0x1000, 1 << 30);
            var headers = Headers(imageSize, sections);
            long? disk = random.Next(3) == 0 ? null : random.NextInt64(0, 1L << 32);
            var layout = ExecutableLayout.Build(headers, imageSize, disk, random.Next(2) == 0);
            AssertContiguous(layout);
            Assert.That(layout.Length, Is.LessThanOrEqualTo(ExecutableLayout.MaxLength), $"round {round}");
            Assert.That(layout.Pieces.Where(p => p.Source == PieceSource.Image).All(p => p.SourceOffset + p.Length <= imageSize), $"round {round}: image pieces stay inside the image");
        }
    }

    /// <summary>Small, page-sized, huge and edge values, as hostile headers carry.</summary>
    private static uint Pick(Random random) => random.Next(4) switch
    {
        0 => (uint)random.Next(0, 0x10000),
        1 => (uint)random.Next(0, 0x4000) * 0x200,
        2 => uint.MaxValue - (uint)random.Next(0, 0x1000),
        _ => (uint)random.Next(),
    };

    [Test]
    public void PieceAtFindsEveryOffset()
    {
        var layout = ExecutableLayout.Build(Headers(0x3000, (".text", 0x1000, 0x1234, 0x400, 0x1400), (".data", 0x2000, 0x10, 0x1800, 0x200)), 0x3000, 0x2000, false);
        foreach (var piece in layout.Pieces)
        {
            Assert.That(layout.PieceAt(piece.Offset), Is.EqualTo(piece));
            Assert.That(layout.PieceAt(piece.End - 1), Is.EqualTo(piece));
        }
    }
}
