using System.Buffers.Binary;
using MemFs.Translate.Files.Ntfs;
using MemFs.Translate.Physical;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files.Ntfs;

/// <summary>A record shorter than its header is refused with the image, the absolute offset and the field, not an index error.</summary>
public class ShortStructureTests
{
    [Test]
    public void AFileRecordCutBeforeItsSequenceNumberNamesTheField()
    {
        // "FILE", an update sequence array at +8 with one entry (no 512-byte block to fix up), and nothing after +0x10.
        var record = new byte[0x10];
        "FILE"u8.CopyTo(record);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(6), 1);
        var boot = new NtfsBootSector(512, 4096, 0x10000, 4, 1024, 4096);
        var at = new NtfsLocation("disk.img", 0xC0_0400, "MFT record 1");

        var e = Assert.Throws<ImageFormatException>(() => NtfsFileRecord.Parse(record, 1, boot, at))!;
        Assert.That(e.Offset, Is.EqualTo(0xC0_0410));
        Assert.That(e.Message, Is.EqualTo(
            "disk.img, offset 0xC00410: MFT record 1.SequenceNumber at +0x10 needs 0x2 bytes, but MFT record 1 holds only 0x10 bytes"));
    }
}
