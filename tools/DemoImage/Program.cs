using MemFs.Tests.Demo;

namespace MemFs.DemoImage;

/// <summary>
/// Writes the demo memory image the README opens: a small Windows 10 (19041) machine as one WinPmem 3.x-style AFF4
/// volume (physical memory, pagefile, acquired files), built by <see cref="DemoImageBuilder"/>. Deterministic; every
/// byte is synthetic.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: DemoImage OUTPUT.aff4");
            return 2;
        }
        DemoImageBuilder.Write(args[0]);
        Console.Error.WriteLine($"wrote {args[0]} ({new FileInfo(args[0]).Length:N0} bytes)");
        return 0;
    }
}
