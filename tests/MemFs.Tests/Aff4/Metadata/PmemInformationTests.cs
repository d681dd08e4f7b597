using MemFs.Aff4.Metadata;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Metadata;

public class PmemInformationTests
{
    [TestCase("synthetic/synthetic-winpmem21-legacy.aff4", "WinPmem 2.1.post4")]
    [TestCase("synthetic/synthetic-winpmem33-caff4.aff4", "WinPmem 3.3rc2")]
    public void RealInformationYamlOfTheSyntheticVolumes(string volume, string imager)
    {
        var info = PmemInformation.Parse(Rdf.SampleVolume.ReadMember(volume, "PhysicalMemory/information.yaml"));
        var expected = Rdf.SampleVolume.Expected(volume).GetProperty("physical_memory").GetProperty("information_yaml_full");

        Assert.That(info.Imager, Is.EqualTo(imager).And.EqualTo(expected.GetProperty("Imager").GetString()));
        Assert.That(info.Cr3, Is.EqualTo(1744896UL).And.EqualTo(expected.GetProperty("Registers").GetProperty("CR3").GetUInt64()));
        Assert.That(info.KernelBase, Is.EqualTo(18446735277616529408UL).And.EqualTo(expected.GetProperty("KernBase").GetUInt64()));
        Assert.That(info.NtBuildNumber, Is.EqualTo(17134UL));
        Assert.That(info.NtBuildNumberAddress, Is.EqualTo(expected.GetProperty("NtBuildNumberAddr").GetUInt64()));
        var runs = expected.GetProperty("Runs").EnumerateArray()
            .Select(r => new MemoryRun(r.GetProperty("start").GetUInt64(), r.GetProperty("length").GetUInt64()));
        Assert.That(info.Runs, Is.EqualTo(runs));
        Assert.That(info.Runs, Is.EqualTo(new[] { new MemoryRun(0x1000, 0x9E000), new MemoryRun(0x100000, 0x2000), new MemoryRun(0x103000, 0x1FD000) }));
        Assert.That(info.Values.Keys, Is.EquivalentTo(new[] { "Imager", "Registers", "NtBuildNumber", "KernBase", "NtBuildNumberAddr", "Runs" }));
    }

    [Test]
    public void FlowMappingCommentsAndHexNumbers()
    {
        const string yaml = """
            # Rekall-style
            Imager: 'Rekall 1.7.2 (Hurricane Ridge)'
            Registers: {CR3: 0x1AA000}   # DTB
            KernBase: 0xFFFFF80002A5D000
            Runs:
            - {start: 0x1000, length: 4096}
            - {length: 0x10, start: 8192}
            """;

        var info = PmemInformation.Parse(yaml);

        Assert.That(info.Imager, Is.EqualTo("Rekall 1.7.2 (Hurricane Ridge)"));
        Assert.That(info.Cr3, Is.EqualTo(0x1AA000UL));
        Assert.That(info.KernelBase, Is.EqualTo(0xFFFFF80002A5D000UL));
        Assert.That(info.NtBuildNumber, Is.Null);
        Assert.That(info.Runs, Is.EqualTo(new[] { new MemoryRun(0x1000, 4096), new MemoryRun(8192, 0x10) }));
    }

    [Test]
    public void OsxPmemKeysStayInValues()
    {
        const string yaml = """
            Imager: OSXPmem 3.0
            Registers:
              CR3: 123
            kaslr_slide: 448790528
            kernel_version: Darwin Kernel Version 17.4.0
            Runs:
              - start: 0
                length: 4096
                purpose: EfiConventionalMemory
            """;

        var info = PmemInformation.Parse(yaml);

        Assert.That(info.KernelBase, Is.Null);
        Assert.That(info.Values["kaslr_slide"], Is.EqualTo("448790528"));
        Assert.That(info.Values["kernel_version"], Is.EqualTo("Darwin Kernel Version 17.4.0"));
        Assert.That(info.Runs, Is.EqualTo(new[] { new MemoryRun(0, 4096) }));
    }

    [Test]
    public void EmptyOrMinimalDocuments()
    {
        var empty = PmemInformation.Parse("");
        Assert.That((empty.Imager, empty.Cr3, empty.Runs.Count), Is.EqualTo(((string?)null, (ulong?)null, 0)));

        var noRuns = PmemInformation.Parse("Imager: WinPmem\nRegisters:\n");
        Assert.That(noRuns.Runs, Is.Empty);
        Assert.That(noRuns.Cr3, Is.Null);
    }

    [TestCase("- a\n- b\n", "not a mapping")]
    [TestCase("Registers: 5\n", "Registers")]
    [TestCase("Registers: {CR3: -1}\n", "Registers.CR3")]
    [TestCase("KernBase: 18446744073709551616\n", "KernBase")]
    [TestCase("KernBase: 0xZZ\n", "KernBase")]
    [TestCase("Runs: 3\n", "Runs")]
    [TestCase("Runs:\n  - start: 1\n", "Runs[0] has no length")]
    [TestCase("Runs:\n  - start: 1\n    length: 2\n  - 7\n", "Runs[1]")]
    [TestCase("Runs: [\n", "line 1")]
    public void BadValuesAreFormatExceptions(string yaml, string mentions)
    {
        Assert.That(() => PmemInformation.Parse(yaml), Throws.InstanceOf<FormatException>().With.Message.Contain(mentions));
    }

    [Test]
    public void MemoryRunEndSaturates()
    {
        Assert.That(new MemoryRun(0x1000, 0x9E000).End, Is.EqualTo(0x9F000UL));
        Assert.That(new MemoryRun(ulong.MaxValue - 1, 10).End, Is.EqualTo(ulong.MaxValue));
    }
}
