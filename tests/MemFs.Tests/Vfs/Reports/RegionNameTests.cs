using MemFs.Translate.Windows;
using MemFs.Vfs.Producers;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>regions/ names end in exactly one ".bin", whatever the mapped file is called, and stay unique per VAD.</summary>
public class RegionNameTests
{
    private static VadDescriptor View(ulong start, string? file) => new(start, start + 0xFFFF, false, true, 2, 0, 0, 0, file, Kind: "Vad VadNone");

    [TestCase(@"\ProgramData\firmware.bin", "0x000000010000-0x00000001FFFF-mapped-file-firmware.bin")]
    [TestCase(@"\ProgramData\FIRMWARE.BIN", "0x000000010000-0x00000001FFFF-mapped-file-FIRMWARE.BIN")]
    [TestCase(@"\Users\analyst\notes.txt", "0x000000010000-0x00000001FFFF-mapped-file-notes.txt.bin")]
    [TestCase(@"\ProgramData\bin", "0x000000010000-0x00000001FFFF-mapped-file-bin.bin")]
    [TestCase(null, "0x000000010000-0x00000001FFFF-shared.bin")]
    public void TheNameEndsInOneBin(string? file, string expected) => Assert.That(RegionFile.NameOf(View(0x10000, file)), Is.EqualTo(expected));

    [Test]
    public void TwoViewsOfOneBinFileHaveDifferentNames() =>
        Assert.That(RegionFile.NameOf(View(0x10000, @"\a\x.bin")), Is.Not.EqualTo(RegionFile.NameOf(View(0x20000, @"\a\x.bin"))));
}
