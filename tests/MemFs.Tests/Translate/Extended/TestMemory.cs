using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Physical;

namespace MemFs.Tests.Translate.Extended;

/// <summary>Physical memory with a hole: runs 0x0-0x2000 and 0x5000-0x6000 holding <see cref="TestPhysicalPages"/> contents.</summary>
internal static class TestMemory
{
    public const long End = 0x6000;
    public const long Hole = 0x3000;

    public static IPhysicalMemory WithHole()
    {
        var bytes = TestPhysicalPages.Bytes(0, 0x2000).Concat(TestPhysicalPages.Bytes(0x5000, 0x1000)).ToArray();
        var source = new TestArraySource(bytes, "test-memory.img");
        var runs = RunTable.Validate([new MappedRun(0, 0x2000, 0), new MappedRun(0x5000, 0x1000, 0x2000)], source.Name, source.Length, "test runs");
        return new RunMappedMemory("test memory with a hole", source, runs);
    }
}
