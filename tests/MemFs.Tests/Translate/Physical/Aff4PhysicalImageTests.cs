using MemFs.Tests.Aff4.Reference;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Aff4;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical;

public class Aff4PhysicalImageTests
{
    [TestCaseSource(typeof(ExpectedValues), nameof(ExpectedValues.SyntheticMemoryImages))]
    public void WinPmemImagesGiveRunsFactsAndAuxiliarySources(string file)
    {
        var expected = ExpectedValues.For(file);
        var memory = expected.GetProperty("physical_memory");
        using var image = PhysicalImageOpener.Open(ExpectedValues.PathOf(file));
        Assert.That(image.Format, Does.StartWith("AFF4 memory image"));

        var unreadable = memory.Optional("unreadable_pages")?.EnumerateArray().Select(p => p.GetInt64()).ToHashSet() ?? [];
        var expectedPages = memory.GetProperty("runs").EnumerateArray()
            .SelectMany(r => Enumerable.Range(0, (int)(r[1].GetInt64() / 4096)).Select(i => r[0].GetInt64() + i * 4096L))
            .Where(p => !unreadable.Contains(p)).ToArray();
        var backedPages = image.Memory.Runs.SelectMany(r => Enumerable.Range(0, (int)(r.Length / 4096)).Select(i => r.Start + i * 4096L)).ToArray();
        Assert.That(backedPages, Is.EqualTo(expectedPages), "runs = acquired pages minus those the imager could not read");

        foreach (var page in unreadable)
        {
            var error = Assert.Throws<PhysicalHoleException>(() => image.Memory.Read(page + 10, new byte[4]))!;
            Assert.That(error.Message, Does.Contain("UnreadableData"));
        }
        Assert.That(() => image.Memory.Read(0, new byte[1]), Throws.InstanceOf<PhysicalHoleException>().With.Message.Contains("no map entry"));

        var yaml = memory.GetProperty("information_yaml");
        Assert.That(image.Facts.DirectoryTableBase, Is.EqualTo(yaml.GetProperty("CR3").UNumber()));
        Assert.That(image.Facts.KernelBase, Is.EqualTo(yaml.GetProperty("KernBase").UNumber()));
        Assert.That(image.Facts.BuildNumber, Is.EqualTo((uint)memory.GetProperty("information_yaml_full").GetProperty("NtBuildNumber").GetInt64()));

        var pagefile = expected.GetProperty("pagefiles")[0];
        Assert.That(image.Auxiliary.Where(a => a.Kind == AuxiliaryKind.Pagefile).Select(a => (a.PagefileNumber, a.Size)),
            Is.EqualTo(new[] { ((int?)pagefile.GetProperty("number").GetInt32(), (long?)pagefile.GetProperty("size").GetInt64()) }));
        Assert.That(image.Auxiliary.Where(a => a.Kind == AuxiliaryKind.File).Select(a => a.Name),
            Is.SupersetOf(expected.GetProperty("files").Properties().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Object).Select(p => p.Name)));
    }

    [Test]
    public void EvimetryMemoryImageCountsExplicitZeroEntriesAsBacked()
    {
        var file = "aff4-cpp-lite/Micro7.001.aff4";
        var map = ExpectedValues.For(file).GetProperty("map");
        using var image = PhysicalImageOpener.Open(ExpectedValues.PathOf(file));
        Assert.That(image.Memory, Is.InstanceOf<Aff4PhysicalMemory>());
        var entries = map.GetProperty("entries").EnumerateArray().Select(e => (Start: e.GetProperty("mappedOffset").GetInt64(), Length: e.GetProperty("length").GetInt64())).ToArray();
        Assert.That(image.BackedBytes, Is.EqualTo(entries.Sum(e => e.Length)));
        var buffer = new byte[16];
        image.Memory.Read(0, buffer);
        Assert.That(Convert.ToHexStringLower(buffer), Is.EqualTo(map.GetProperty("first_16_bytes_hex").GetString()));
        var gap = entries[0].Start + entries[0].Length;
        if (!entries.Any(e => e.Start == gap))
            Assert.That(() => image.Memory.Read(gap, new byte[1]), Throws.InstanceOf<PhysicalHoleException>());
        Assert.That(image.Facts.Other.Single().Key, Does.Contain("Evimetry"));
    }

    [Test]
    public void ADiskImageIsNotMistakenForMemory()
    {
        var path = ExpectedValues.PathOf("AFF4Std/Base-Linear.aff4");
        var error = Assert.Throws<ImageFormatException>(() => PhysicalImageOpener.Open(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain("no physical memory").And.Contain("memfs aff4 info"));
    }

    [Test]
    public void ReadsGoThroughTheAff4Map()
    {
        var file = "synthetic/synthetic-winpmem33-caff4.aff4";
        using var image = PhysicalImageOpener.Open(ExpectedValues.PathOf(file));
        using var aff4 = MemFs.Aff4.Aff4Image.Open(ExpectedValues.PathOf(file));
        var map = aff4.OpenStream(ExpectedValues.For(file).GetProperty("physical_memory").GetProperty("urn").GetString()!);
        foreach (var run in image.Memory.Runs)
        {
            var viaPhysical = new byte[Math.Min(run.Length, 70_000)];
            image.Memory.Read(run.End - viaPhysical.Length, viaPhysical);
            var viaMap = new byte[viaPhysical.Length];
            map.Read(run.End - viaPhysical.Length, viaMap);
            Assert.That(viaPhysical, Is.EqualTo(viaMap));
        }
    }
}
