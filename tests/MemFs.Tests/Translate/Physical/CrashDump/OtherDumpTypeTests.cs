using MemFs.Translate.Physical.CrashDump;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>Dump types without readable physical memory open with an empty address space and a warning.</summary>
public class OtherDumpTypeTests
{
    [TestCase(true, 2u)]
    [TestCase(true, 3u)]
    [TestCase(true, 7u)]
    [TestCase(true, 0u)]
    [TestCase(false, 2u)]
    [TestCase(false, 4u)]
    public void OpensWithAWarning(bool is64, uint type)
    {
        var builder = is64 ? TestCrashDumpBuilder.Dump64(type) : TestCrashDumpBuilder.Dump32(type);
        using var image = BuiltDumps.Open(builder.Full([]));
        Assert.That(image.Memory.Runs, Is.Empty);
        Assert.That(image.Facts.DumpTypeCode, Is.EqualTo(type));
        Assert.That(image.Facts.BuildNumber, Is.EqualTo(TestCrashDumpBuilder.Build));
        Assert.That(image.Warnings, Has.Exactly(1).Contains("holds no physical memory"));
        if (type != 4) Assert.That(image.Warnings[0], Does.Contain($"dump type {type} "));
    }

    [TestCase("PAGEDU64", true)]
    [TestCase("PAGEDUMP", true)]
    [TestCase("PAGEDU64 and more", true)]
    [TestCase("PAGEDU6", false)]
    [TestCase("PAGEXXXX", false)]
    [TestCase("MDMP\x93\xA7\0\0", false)]
    [TestCase("", false)]
    public void IsCrashDump(string head, bool expected) =>
        Assert.That(CrashDumpImage.IsCrashDump(head.Select(c => (byte)c).ToArray()), Is.EqualTo(expected));
}
