using System.Text;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Streams;
using MemFs.Tests.Aff4.Writers;

namespace MemFs.DemoImage;

/// <summary>
/// Writes the demo memory image the README opens: a small WinPmem 3.x-style AFF4 volume (physical
/// memory map with three runs and one unreadable page, CR3 metadata, a pagefile, an acquired driver).
/// Deterministic: the same bytes every run. No Microsoft binary is involved; the contents are synthetic.
/// </summary>
public static class Program
{
    private const string Volume = "aff4://6d656d66-7300-4000-8000-00000000de30";

    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: DemoImage OUTPUT.aff4");
            return 2;
        }
        var memory = Pattern(0x1D0000, "physical page");
        var builder = new TestAff4VolumeBuilder(Volume, new TestZipOptions { Zip64 = Zip64Mode.LocatorNotSaturated });
        builder.AddImageStream(Volume + "/PhysicalMemory/data", memory, 32768, 1024, CompressionMethod.Snappy);
        builder.AddMap(Volume + "/PhysicalMemory",
        [
            new MapEntry(0x1000, 0x9E000, 0, 0),
            new MapEntry(0x100000, 0x80000, 0x9E000, 0),
            new MapEntry(0x180000, 0x1000, 0, 1),
            new MapEntry(0x181000, 0xB1000, 0x11E000, 0),
        ], [Volume + "/PhysicalMemory/data", SymbolicStreams.UnreadableData], size: 0x232000,
            extraProperties: "aff4:category memory:physical");
        builder.AddSegment(Volume + "/PhysicalMemory/information.yaml", Encoding.UTF8.GetBytes(
            "Imager: MemFs demo\nRegisters:\n  CR3: 1744896\nKernBase: 18446735277616529408\nNtBuildNumber: 19041\nRuns:\n" +
            "  - start: 4096\n    length: 647168\n  - start: 1048576\n    length: 1253376\n"));
        builder.AddImageStream(Volume + "/C:/pagefile.sys", Pattern(0x40000, "pagefile page"), 32768, 1024, CompressionMethod.Deflate);
        builder.AddTurtle($"<{Volume}/C:/pagefile.sys> aff4:category memory:pagefile ; memory:pagefile_number 0 .");
        builder.AddSegment(Volume + "/C:/Windows/SysNative/drivers/demo.sys", Pattern(0x3000, "MZ demo driver"), deflate: true);
        builder.AddTurtle($"<{Volume}/C:/Windows/SysNative/drivers/demo.sys> a aff4:Image ; aff4:original_filename \"C:\\\\Windows\\\\SysNative\\\\drivers\\\\demo.sys\" .");
        File.WriteAllBytes(args[0], builder.Build());
        Console.Error.WriteLine($"wrote {args[0]}");
        return 0;
    }

    /// <summary>Every 4 KiB page starts with its label and page number, so a reader can see which page it got.</summary>
    private static byte[] Pattern(int length, string label)
    {
        var data = new byte[length];
        for (var page = 0; page < length / 4096; page++)
        {
            var text = Encoding.ASCII.GetBytes($"{label} {page:D5} ");
            for (var i = 0; i < 4096; i++) data[page * 4096 + i] = i < 512 ? text[i % text.Length] : (byte)(page * 7 + i / 64);
        }
        return data;
    }
}
