using MemFs.Tests.Demo;

namespace MemFs.DemoImage;

/// <summary>
/// Writes the demo memory image the README opens: a small Windows 10 (19041) machine as one WinPmem 3.x-style AFF4
/// volume (physical memory, pagefile, acquired files), built by <see cref="DemoImageBuilder"/>. Deterministic; every
/// byte is synthetic. <c>--bulk-pages N</c> adds a heap of N valid pages to malware.exe (the image the performance
/// figures are measured on).
/// </summary>
public static class Program
{
    private const int MaxBulkPages = 1 << 20;

    public static int Main(string[] args)
    {
        var bulkPages = 0;
        if (args.Length == 3 && args[1] == "--bulk-pages" && int.TryParse(args[2], out var pages) && pages is >= 0 and <= MaxBulkPages)
            bulkPages = pages;
        else if (args.Length != 1)
        {
            Console.Error.WriteLine($"usage: DemoImage OUTPUT.aff4 [--bulk-pages N (0 to {MaxBulkPages})]");
            return 2;
        }
        File.WriteAllBytes(args[0], DemoImageBuilder.Build(new DemoSystem(bulkPages)));
        Console.Error.WriteLine($"wrote {args[0]} ({new FileInfo(args[0]).Length:N0} bytes)");
        return 0;
    }
}
