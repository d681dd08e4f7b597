using MemFs.Tests.Translate.Physical.CrashDump;
using MemFs.Tests.Translate.Physical.Elf;
using MemFs.Tests.Translate.Physical.Lime;
using MemFs.Tests.Translate.Physical.Vmware;
using MemFs.Translate.Physical;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical;

/// <summary>Formats are recognised by content: every file here is named "evidence.bin" (a .vmem pair keeps its names).</summary>
public class PhysicalImageOpenerTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("memfs-opener-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, true);

    [Test]
    public void LimeIsRecognisedByItsMagic()
    {
        var image = OpenBytes(new TestLimeBuilder().Range(0x1000, 0x2000).Range(0x10000, 0x1000).ToArray());
        Assert.That(image.Format, Is.EqualTo("LiME"));
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0x1000, 0x2000), new PhysicalRun(0x10000, 0x1000) }));
        TestPhysicalPages.AssertRunsReadBack(image.Memory);
        image.Dispose();
    }

    [Test]
    public void ElfCoreIsRecognisedByItsMagic()
    {
        var image = OpenBytes(new TestElfCoreBuilder().QemuNote(0x1AD000).Load(0, 0xA0000).Load(0x100000, 0x3000).ToArray());
        Assert.That(image.Format, Does.StartWith("ELF core (QEMU"));
        Assert.That(image.Facts.DirectoryTableBase, Is.EqualTo(0x1AD000UL));
        TestPhysicalPages.AssertRunsReadBack(image.Memory);
        image.Dispose();
    }

    [Test]
    public void CrashDumpIsRecognisedByItsSignature()
    {
        var image = OpenBytes(TestCrashDumpBuilder.Dump64(1).Full((0x2, 0x3), (0x10, 0x2)));
        Assert.That(image.Format, Does.StartWith("Windows crash dump, 64-bit, full"));
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0x2000, 0x3000), new PhysicalRun(0x10000, 0x2000) }));
        image.Dispose();
    }

    [Test]
    public void AnythingElseIsRaw()
    {
        var image = OpenBytes(TestPhysicalPages.Bytes(0, 0x3000));
        Assert.That(image.Format, Does.StartWith("raw"));
        TestPhysicalPages.AssertRunsReadBack(image.Memory);
        image.Dispose();
    }

    [TestCase("memory.vmem", "memory.vmss", "memory.vmem")]
    [TestCase("memory.vmem", "memory.vmsn", "memory.vmem")]
    [TestCase("memory.vmem", "memory.vmss", "memory.vmss")]
    public void VmwareMemoryIsFoundFromEitherFile(string vmemName, string stateName, string given)
    {
        (long Ppn, long PageNum, long Pages)[] regions = [(0, 0, 0xA0), (0x100, 0xA0, 0x20)];
        File.WriteAllBytes(Path.Combine(_directory, vmemName), TestVmwareStateBuilder.Vmem(0xC0, regions));
        File.WriteAllBytes(Path.Combine(_directory, stateName), new TestVmwareStateBuilder().MemoryRegions(regions).ToArray());
        using var image = PhysicalImageOpener.Open(Path.Combine(_directory, given));
        Assert.That(image.Format, Does.Contain("VMware"));
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, 0xA0000), new PhysicalRun(0x100000, 0x20000) }));
        TestPhysicalPages.AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void AVmwareStateFileWithoutItsMemoryIsAClearError()
    {
        var state = Path.Combine(_directory, "lonely.vmss");
        File.WriteAllBytes(state, new TestVmwareStateBuilder().MemoryRegions((0, 0, 1)).ToArray());
        Assert.That(() => PhysicalImageOpener.Open(state), Throws.InstanceOf<ImageFormatException>().With.Message.Contains("no .vmem"));
    }

    [Test]
    public void AMissingFileIsReported()
    {
        var missing = Path.Combine(_directory, "nothing.dmp");
        Assert.That(() => PhysicalImageOpener.Open(missing), Throws.InstanceOf<FileNotFoundException>().With.Message.Contains(missing));
    }

    private PhysicalImage OpenBytes(byte[] bytes)
    {
        var path = Path.Combine(_directory, "evidence.bin");
        File.WriteAllBytes(path, bytes);
        return PhysicalImageOpener.Open(path);
    }
}
