using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>Directory entries as FspFileSystemFillDirectoryBuffer reads them (FSP_FSCTL_DIR_INFO, fsctl.h).</summary>
public class FspDirInfoTests
{
    private static readonly FspFileInfo Info = new()
    {
        FileAttributes = FspFileInfo.FILE_ATTRIBUTE_READONLY, AllocationSize = 8192, FileSize = 5000,
        CreationTime = 1, LastAccessTime = 2, LastWriteTime = 3, ChangeTime = 4, IndexNumber = 0x1122334455667788,
    };

    [Test]
    public void EntryIsSizeFileInfoPaddingThenTheUtf16Name()
    {
        var buffer = new byte[1024];
        buffer.AsSpan().Fill(0xEE);
        var size = FspDirInfo.Write("vadmap.txt", Info, buffer);

        Assert.That(size, Is.EqualTo(104 + 2 * "vadmap.txt".Length));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(buffer), Is.EqualTo(size), "Size counts the whole entry");
        Assert.That(buffer[2..8], Is.All.Zero, "padding before the 8-aligned FileInfo");
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(8)), Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_READONLY));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8 + 8)), Is.EqualTo(8192UL), "AllocationSize");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8 + 16)), Is.EqualTo(5000UL), "FileSize");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8 + 56)), Is.EqualTo(0x1122334455667788UL), "IndexNumber");
        Assert.That(MemoryMarshal.Read<FspFileInfo>(buffer.AsSpan(8)), Is.EqualTo(Info));
        Assert.That(buffer[80..104], Is.All.Zero, "NextOffset/Padding union");
        Assert.That(Encoding.Unicode.GetString(buffer, 104, size - 104), Is.EqualTo("vadmap.txt"), "no terminating zero");
        Assert.That(buffer[size..], Is.All.EqualTo(0xEE), "nothing written past the entry");
    }

    [Test]
    public void NonAsciiNamesAreUtf16CodeUnits()
    {
        var buffer = new byte[1024];
        var name = "prozeß-📄.txt";
        var size = FspDirInfo.Write(name, Info, buffer);
        Assert.That(size, Is.EqualTo(FspDirInfo.SizeOf(name)));
        Assert.That(Encoding.Unicode.GetString(buffer, 104, size - 104), Is.EqualTo(name));
    }

    [Test]
    public void AnEntryThatDoesNotFitIsNotWritten()
    {
        var buffer = new byte[104 + 2 * 3];
        Assert.That(FspDirInfo.Write("abc", Info, buffer), Is.EqualTo(buffer.Length));
        Assert.That(FspDirInfo.Write("abcd", Info, buffer), Is.Zero);
        var huge = new string('x', FspDirInfo.MaxNameLength + 1);
        Assert.That(FspDirInfo.Write(huge, Info, new byte[FspDirInfo.SizeOf(huge)]), Is.Zero, "Size is a UINT16");
    }
}
