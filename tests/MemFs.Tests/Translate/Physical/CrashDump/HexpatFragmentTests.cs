using System.Text.Json;
using MemFs.Tests.Support;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.CrashDump;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>dmp64.hexpat.bin: the first 16 KiB of a Windows 10 x64 full dump; its run list describes 2 GiB.</summary>
public class HexpatFragmentTests
{
    private PhysicalImage _image = null!;
    private JsonElement _expected;

    [OneTimeSetUp]
    public void Open()
    {
        _expected = ExpectedJson.For("dmp64.hexpat.bin");
        _image = CrashDumpImage.Open(new FileByteSource(SharedData.Require("crashdump/dmp64.hexpat.bin")));
    }

    [OneTimeTearDown]
    public void Close() => _image?.Dispose();

    private JsonElement Block => _expected.GetProperty("PhysicalMemoryBlock_at_0x88");

    [Test]
    public void RunsAreThoseOfExpectedJson()
    {
        var expected = Block.GetProperty("runs").EnumerateArray()
            .Select(r => new MappedRun((long)ExpectedJson.Number(r, "pa_start"),
                (long)(ExpectedJson.Number(r, "pa_end") - ExpectedJson.Number(r, "pa_start")), (long)ExpectedJson.Number(r, "file_offset")))
            .ToArray();
        Assert.That(expected, Has.Length.EqualTo(5));
        Assert.That(((RunMappedMemory)_image.Memory).MappedRuns, Is.EqualTo(expected));
        Assert.That(_image.Memory.Runs, Is.EqualTo(expected.Select(r => new PhysicalRun(r.Start, r.Length))));
        Assert.That(_image.BackedBytes, Is.EqualTo((long)ExpectedJson.Number(Block, "NumberOfPages") * 0x1000));
    }

    [Test]
    public void HeaderFacts()
    {
        var header = _expected.GetProperty("DUMP_HEADER64");
        Assert.Multiple(() =>
        {
            Assert.That(_image.Facts.DirectoryTableBase, Is.EqualTo(ExpectedJson.Number(header, "DirectoryTableBase")));
            Assert.That(_image.Facts.DirectoryTableBase, Is.EqualTo(0x1AD002), "flag bits are reported as stored");
            Assert.That(_image.Facts.PsLoadedModuleList, Is.EqualTo(ExpectedJson.Number(header, "PsLoadedModuleList")));
            Assert.That(_image.Facts.KdDebuggerDataBlock, Is.EqualTo(ExpectedJson.Number(header, "KdDebuggerDataBlock")));
            Assert.That(_image.Facts.BuildNumber, Is.EqualTo(ExpectedJson.Parenthesized(header, "MinorVersion")));
            Assert.That(_image.Facts.NumberProcessors, Is.EqualTo(ExpectedJson.Number(header, "NumberProcessors")));
            Assert.That(_image.Facts.DumpTypeCode, Is.EqualTo(ExpectedJson.Number(header, "DumpType")));
            Assert.That(_image.Facts.KernelBase, Is.Null, "a full dump's header has only the KDBG pointer");
            Assert.That(_image.Facts.SystemTime!.Value.ToFileTimeUtc(), Is.EqualTo((long)ExpectedJson.Number(header, "SystemTime_FILETIME")));
            Assert.That(_image.Format, Is.EqualTo("Windows crash dump, 64-bit, full (run-based)"));
            Assert.That(_image.Facts.Other, Does.Contain(KeyValuePair.Create("PhysicalMemoryBlock.NumberOfPages",
                ExpectedJson.Number(Block, "NumberOfPages").ToString())));
            Assert.That(_image.Facts.Other, Does.Contain(KeyValuePair.Create("RequiredDumpSpace", $"0x{ExpectedJson.Number(header, "RequiredDumpSpace"):X}")));
        });
    }

    [Test]
    public void PresentPagesReadTheirBytes()
    {
        foreach (var check in _expected.GetProperty("point_checks").EnumerateArray())
        {
            var bytes = new byte[16];
            _image.Memory.Read((long)ExpectedJson.Number(check, "pa"), bytes);
            Assert.That(bytes, Is.EqualTo(ExpectedJson.HexBytes(check.GetProperty("first16_hex").GetString()!)));
        }
    }

    [TestCase(0x4000L)]
    [TestCase(0x100000L)]
    [TestCase(0x7FFFF000L)]
    public void PagesBeyondTheFragmentAreTruncationErrors(long address)
    {
        var e = Assert.Throws<ImageFormatException>(() => _image.Memory.Read(address, new byte[16]))!;
        Assert.That(e, Is.Not.InstanceOf<PhysicalHoleException>());
        Assert.That(e.Message, Does.Contain("dmp64.hexpat.bin").And.Contain("truncated"));
    }

    [TestCase(0x0L)]
    [TestCase(0x1FF0L)]
    [TestCase(0xA0000L)]
    [TestCase(0x80000000L)]
    public void AddressesOutsideTheRunsAreHoles(long address) =>
        Assert.Throws<PhysicalHoleException>(() => _image.Memory.Read(address, new byte[16]));

    [Test]
    public void TruncationIsWarned() =>
        Assert.That(_image.Warnings, Has.Some.Contains("truncated").And.Contains("from physical 0x4000"));
}
