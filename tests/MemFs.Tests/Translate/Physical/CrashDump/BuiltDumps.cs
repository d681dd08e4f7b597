using MemFs.Translate.Physical;
using MemFs.Translate.Physical.CrashDump;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>Opening test-built dumps and checking reads against <see cref="TestCrashDumpBuilder.ExpectedByte"/>.</summary>
internal static class BuiltDumps
{
    public static PhysicalImage Open(byte[] bytes, string name = "/evidence/built.dmp") =>
        CrashDumpImage.Open(new TestArraySource(bytes, name));

    /// <summary>Reads every byte of a range and compares it with what the builder wrote.</summary>
    public static void AssertReads(IPhysicalMemory memory, long address, int length)
    {
        var buffer = new byte[length];
        memory.Read(address, buffer);
        for (var i = 0; i < length; i++)
            if (buffer[i] != TestCrashDumpBuilder.ExpectedByte(address + i))
                Assert.Fail($"physical 0x{address + i:X} read 0x{buffer[i]:X2}, expected 0x{TestCrashDumpBuilder.ExpectedByte(address + i):X2}");
    }

    /// <summary>The runs a set of present pages makes, merged.</summary>
    public static PhysicalRun[] RunsOf(IEnumerable<long> pages)
    {
        var runs = new List<PhysicalRun>();
        foreach (var p in pages.Order())
        {
            if (runs.Count > 0 && runs[^1].End == p * 0x1000) runs[^1] = runs[^1] with { Length = runs[^1].Length + 0x1000 };
            else runs.Add(new PhysicalRun(p * 0x1000, 0x1000));
        }
        return runs.ToArray();
    }
}
