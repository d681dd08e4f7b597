using System.Text;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Streams;
using MemFs.Tests.Aff4.Writers;
using MemFs.Tests.Translate.Windows.Kernel;

namespace MemFs.Tests.Demo;

/// <summary>
/// Writes the demo memory image the README mounts: one WinPmem 3.x-style AFF4 volume holding the physical memory of
/// the <see cref="DemoSystem"/> (a snappy ImageStream under a Map with the runs, one unreadable page, and
/// information.yaml with CR3, KernBase, NtBuildNumber and the runs), its pagefile as pagefile 0, and the acquired
/// files demo.dll, demo.sys and notes.txt. Deterministic: the same bytes every run. Every byte is synthetic.
/// </summary>
public static class DemoImageBuilder
{
    public const string VolumeUrn = "aff4://6d656d66-7300-4000-8000-00000000de30";
    private const string PhysicalMemory = VolumeUrn + "/PhysicalMemory";
    private const int ChunkSize = 32768;

    /// <summary>Writes the demo image to <paramref name="path"/>.</summary>
    public static void Write(string path) => File.WriteAllBytes(path, Build());

    /// <summary>The demo image's bytes.</summary>
    public static byte[] Build() => Build(new DemoSystem());

    /// <summary>The demo image with <paramref name="extraTurtle"/> added to its metadata (mutated claims for robustness tests).</summary>
    internal static byte[] Build(DemoSystem demo, string? extraTurtle = null)
    {
        var builder = new TestAff4VolumeBuilder(VolumeUrn, new TestZipOptions { Zip64 = Zip64Mode.LocatorNotSaturated });
        WritePhysicalMemory(builder, demo);

        var pagefile = demo.Image.PagefileBytes;
        Array.Resize(ref pagefile, (pagefile.Length + 0xFFFF) & ~0xFFFF);
        builder.AddImageStream(VolumeUrn + "/C:/pagefile.sys", pagefile, ChunkSize, 1024, CompressionMethod.Deflate);
        builder.AddTurtle($"<{VolumeUrn}/C:/pagefile.sys> aff4:category memory:pagefile ; memory:pagefile_number 0 ; aff4:original_filename \"C:\\\\pagefile.sys\" .");

        foreach (var (path, bytes) in demo.AcquiredFiles)
        {
            var urn = VolumeUrn + "/" + path.Replace('\\', '/');
            builder.AddImageStream(urn, bytes, ChunkSize, 1024, CompressionMethod.Deflate);
            builder.AddTurtle($"<{urn}> aff4:original_filename \"{path.Replace(@"\", @"\\")}\" .");
        }
        if (extraTurtle is not null) builder.AddTurtle(extraTurtle);
        return builder.Build();
    }

    private static void WritePhysicalMemory(TestAff4VolumeBuilder builder, DemoSystem demo)
    {
        var physical = demo.Image.Physical;
        var data = new MemoryStream();
        var entries = new List<MapEntry>();
        var page = new byte[4096];
        foreach (var (start, length) in demo.Runs)
        {
            for (var at = start; at < start + length; at += 4096)
            {
                if (at == demo.UnreadablePage)
                {
                    entries.Add(new MapEntry(at, 4096, 0, 1));
                    continue;
                }
                if (entries.Count > 0 && entries[^1] is { TargetId: 0 } last && last.MappedOffset + last.Length == at)
                    entries[^1] = last with { Length = last.Length + 4096 };
                else entries.Add(new MapEntry(at, 4096, data.Length, 0));
                physical.Read(at, page);
                data.Write(page);
            }
        }
        var end = demo.Runs[^1].Start + demo.Runs[^1].Length;
        builder.AddImageStream(PhysicalMemory + "/data", data.ToArray(), ChunkSize, 1024, CompressionMethod.Snappy);
        builder.AddMap(PhysicalMemory, entries, [PhysicalMemory + "/data", SymbolicStreams.UnreadableData], size: end,
            extraProperties: "aff4:category memory:physical");

        var yaml = new StringBuilder("Imager: MemFs demo (WinPmem 3.x layout)\nRegisters:\n")
            .Append($"  CR3: {demo.Image.Dtb}\n")
            .Append($"KernBase: {demo.Kernel.KernelBase}\n")
            .Append($"NtBuildNumber: {TestEprocessLayout.Windows10.Build}\n")
            .Append($"NtBuildNumberAddr: {demo.Kernel.KernelBase + TestPeImage.NtBuildNumber}\n")
            .Append("Runs:\n");
        foreach (var (start, length) in demo.Runs) yaml.Append($"  - start: {start}\n    length: {length}\n");
        builder.AddSegment(PhysicalMemory + "/information.yaml", Encoding.UTF8.GetBytes(yaml.ToString()));
    }
}
