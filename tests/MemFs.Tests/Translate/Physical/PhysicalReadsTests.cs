using MemFs.Tests.Translate.Paging;
using MemFs.Translate.Physical;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical;

public class PhysicalReadsTests
{
    /// <summary>Pages 1, 2 and 5 backed: a read from inside page 0 to inside page 7 crosses holes before, between and after runs.</summary>
    [Test]
    public void ZeroHolesZeroesEveryHoleOfADirtyBufferAndReadsEveryRun()
    {
        var memory = new SparsePhysicalMemory();
        foreach (var frame in new long[] { 0x1000, 0x2000, 0x5000 }) new Random((int)frame).NextBytes(memory.Page(frame));
        var buffer = new byte[0x7000];
        Array.Fill(buffer, (byte)0xCC);

        PhysicalReads.Read(memory, 0x800, buffer, zeroHoles: true);

        for (var i = 0; i < buffer.Length; i++)
        {
            var address = 0x800 + i;
            var expected = memory.Has(address) ? memory.Page(address)[address & 0xFFF] : 0;
            if (buffer[i] != expected) Assert.Fail($"physical 0x{address:X}: 0x{buffer[i]:X2}, expected 0x{expected:X2}");
        }
    }

    [Test]
    public void ZeroHolesInsideOneRunOrOneHole()
    {
        var memory = new SparsePhysicalMemory();
        new Random(3).NextBytes(memory.Page(0x3000));
        var inRun = new byte[0x100];
        PhysicalReads.Read(memory, 0x3100, inRun, zeroHoles: true);
        Assert.That(inRun, Is.EqualTo(memory.Page(0x3000)[0x100..0x200]));

        var inHole = new byte[0x100];
        Array.Fill(inHole, (byte)0xCC);
        PhysicalReads.Read(memory, 0x9000, inHole, zeroHoles: true);
        Assert.That(inHole, Is.All.EqualTo(0));
    }
}
