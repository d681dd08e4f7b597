using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Raw;

/// <summary>A raw image (DumpIt, WinPmem raw, .mem, a .vmem without metadata): the file is physical memory from address 0.</summary>
internal static class RawImage
{
    public const string FormatName = "raw (the file is physical memory from address 0)";

    public static PhysicalImage Open(IByteSource source)
    {
        var runs = RunTable.Validate([new MappedRun(0, source.Length, 0)], source.Name, source.Length, "file size");
        var memory = new RunMappedMemory(FormatName, source, runs);
        return new PhysicalImage(source.Name, memory, ImageFacts.None, memory.Warnings, [], memory);
    }
}
