using System.Buffers.Binary;
using MemFs.Aff4.Container;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

/// <summary>Any subset of the saturated fields, in the fixed order, after unknown extra fields (PKWARE APPNOTE 4.5.3).</summary>
public class Zip64ExtendedInformationTests
{
    private const ulong Big = 0x1_2345_6789;

    [TestCase(true, false, false)]
    [TestCase(false, true, false)]
    [TestCase(false, false, true)]
    [TestCase(true, true, false)]
    [TestCase(false, true, true)]
    [TestCase(true, false, true)]
    [TestCase(true, true, true)]
    public void OnlySaturatedFieldsAreTakenInOrder(bool uncompressed, bool compressed, bool offset)
    {
        var values = new List<ulong>();
        if (uncompressed) values.Add(Big + 1);
        if (compressed) values.Add(Big + 2);
        if (offset) values.Add(Big + 3);
        var extra = new byte[9 + 4 + values.Count * 8];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x5455);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), 5);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(9), 0x0001);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(11), (ushort)(values.Count * 8));
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(13 + i * 8), values[i]);

        ulong u = uncompressed ? uint.MaxValue : 10, c = compressed ? uint.MaxValue : 20, o = offset ? uint.MaxValue : 30;
        Assert.That(Zip64ExtendedInformation.Apply(extra, ref u, ref c, ref o), Is.Null);
        Assert.That((u, c, o), Is.EqualTo((uncompressed ? Big + 1 : 10UL, compressed ? Big + 2 : 20UL, offset ? Big + 3 : 30UL)));
    }

    [Test]
    public void NothingSaturatedIgnoresTheExtra()
    {
        ulong u = 1, c = 2, o = 3;
        Assert.That(Zip64ExtendedInformation.Apply([1, 0, 0xFF, 0xFF], ref u, ref c, ref o), Is.Null);
        Assert.That((u, c, o), Is.EqualTo((1UL, 2UL, 3UL)));
    }

    [Test]
    public void ExtraRunningPastItsEndIsReported()
    {
        ulong u = uint.MaxValue, c = 2, o = 3;
        Assert.That(Zip64ExtendedInformation.Apply([0x55, 0x54, 50, 0, 1, 2], ref u, ref c, ref o), Does.Contain("runs past"));
    }
}
