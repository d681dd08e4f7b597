using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Vmware;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.Vmware;

public class VmwareStateFileTests
{
    private static VmwareStateFile Read(TestVmwareStateBuilder builder) => VmwareStateFile.Read(new TestArraySource(builder.ToArray(), "test.vmss"));

    [TestCase(0xBED2BED0u, 0)]
    [TestCase(0xBAD1BAD1u, 1)]
    [TestCase(0xBED2BED2u, 2)]
    [TestCase(0xBED3BED3u, 3)]
    public void BlockTagsAreLocatedInEveryVersion(uint magic, int version)
    {
        var data = Enumerable.Range(0, 700).Select(i => (byte)i).ToArray();
        var bytes = new TestVmwareStateBuilder(magic)
            .Group("Checkpoint").Number("before", 7, 2).Block("blob", data, indices: [3, 4]).Number("after", 0xABCDEF, 4)
            .ToArray();
        var state = VmwareStateFile.Read(new TestArraySource(bytes, "test.vmss"));

        Assert.That(state.Version, Is.EqualTo(version));
        var group = state.Group("Checkpoint")!;
        var blob = group.Find("blob", 3, 4)!;
        Assert.That(blob.IsBlock, Is.True);
        Assert.That(blob.DataSize, Is.EqualTo(700));
        Assert.That(bytes.AsSpan((int)blob.DataOffset, 700).ToArray(), Is.EqualTo(data));
        Assert.That(group.Find("before")!.Number, Is.EqualTo(7));
        Assert.That(group.Find("after")!.Number, Is.EqualTo(0xABCDEF), "the walk continues after the block");
        Assert.That(group.Find("blob"), Is.Null, "indices are part of a tag's identity");
    }

    [Test]
    public void ATagFieldReadPastItsBytesNamesTheFileAndTheAbsoluteOffset()
    {
        var cursor = new StateFileCursor(new TestArraySource(new byte[0x40], "test.vmss"), 0x20);

        var ex = Assert.Throws<ImageFormatException>(() => ReadTagHeaderAsU32(cursor));
        Assert.That(ex!.Offset, Is.EqualTo(0x20));
        Assert.That(ex.Message, Is.EqualTo("test.vmss, offset 0x20: tag header.flags at +0x0 needs 0x4 bytes, but tag header holds only 0x2 bytes"));
        Assert.That(cursor.Position, Is.EqualTo(0x22));
    }

    private static uint ReadTagHeaderAsU32(StateFileCursor cursor)
    {
        Assert.That(cursor.TryRead(2, "tag header", out var head), Is.True);
        return head.U32(0, "flags");
    }

    [Test]
    public void BlockPaddingLengthIsSkipped()
    {
        var data = new byte[] { 1, 2, 3, 4, 5 };
        var bytes = new TestVmwareStateBuilder().Group("g").Block("b", data, padding: 9).Number("next", 1, 1).ToArray();
        var group = VmwareStateFile.Read(new TestArraySource(bytes, "p.vmss")).Group("g")!;

        Assert.That(bytes.AsSpan((int)group.Find("b")!.DataOffset, 5).ToArray(), Is.EqualTo(data));
        Assert.That(group.Find("next")!.Number, Is.EqualTo(1));
    }

    [Test]
    public void ShortValuesOfOtherSizesKeepTheirBytes()
    {
        var state = Read(new TestVmwareStateBuilder().Group("g").Value("name", "abc"u8.ToArray()).Number("one", 0xFE, 1));
        var g = state.Group("g")!;

        Assert.That(g.Find("name")!.Value, Is.EqualTo("abc"u8.ToArray()));
        Assert.That(g.Find("name")!.Number, Is.Null);
        Assert.That(g.Find("one")!.Number, Is.EqualTo(0xFE));
    }

    [Test]
    public void BlockBeyondTheFileIsRejected()
    {
        var builder = new TestVmwareStateBuilder().Group("Checkpoint").Group("cpu").Block("gpregs", new byte[16], sizeOverride: 1UL << 40, indices: [0]);
        var ex = Assert.Throws<ImageFormatException>(() => Read(builder));

        Assert.That(ex!.FilePath, Is.EqualTo("test.vmss"));
        Assert.That(ex.Message, Does.Contain("\"cpu\"").And.Contain("gpregs[0]").And.Contain("past the end"));
    }

    [Test]
    public void TagsOffsetBeyondTheFileIsRejected()
    {
        var bytes = new TestVmwareStateBuilder().Group("memory").ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(12 + 64), 1UL << 40);

        var ex = Assert.Throws<ImageFormatException>(() => VmwareStateFile.Read(new TestArraySource(bytes, "t.vmss")));
        Assert.That(ex!.Offset, Is.EqualTo(12 + 64));
        Assert.That(ex.Message, Does.Contain("\"memory\""));
    }

    [Test]
    public void BadMagicIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => VmwareStateFile.Read(new TestArraySource(new byte[100], "z.vmss")));
        Assert.That(ex!.Offset, Is.EqualTo(0));
    }

    [Test]
    public void GroupRunningToTheEndOfTheFileWarns()
    {
        var state = Read(new TestVmwareStateBuilder { OmitLastEndTag = true }.Group("a").Number("x", 1, 4).Group("b").Number("y", 2, 4));

        Assert.That(state.Group("b")!.Find("y")!.Number, Is.EqualTo(2));
        Assert.That(state.Warnings, Has.One.Contains("\"b\"").And.Contains("end tag"));
    }

    [Test]
    public void TagCutByTheEndOfTheFileWarns()
    {
        var bytes = new TestVmwareStateBuilder().Group("a").Number("x", 1, 4).Number("yyyy", 2, 8).ToArray();
        var state = VmwareStateFile.Read(new TestArraySource(bytes[..^5], "cut.vmss"));

        Assert.That(state.Group("a")!.Find("x")!.Number, Is.EqualTo(1));
        Assert.That(state.Warnings, Has.One.Contains("\"yyyy\"").And.Contains("truncated"));
    }

    [Test]
    public void TagWalkingStopsAfterAMillionTags()
    {
        var builder = new TestVmwareStateBuilder().Group("many");
        var tag = new byte[] { 1, 1, (byte)'t', 0 };
        var run = new byte[tag.Length * 1000];
        for (var i = 0; i < 1000; i++) tag.CopyTo(run, i * tag.Length);
        for (var i = 0; i < 1001; i++) builder.Raw(run);
        builder.Group("later").Number("x", 1, 4);
        var state = Read(builder);

        Assert.That(state.Group("many")!.Tags, Has.Count.EqualTo(VmwareStateFile.MaxTags));
        Assert.That(state.Group("later")!.Tags, Is.Empty);
        Assert.That(state.Warnings, Has.One.Contains("1,000,000"));
    }
}
