using System.Text;

namespace MemFs.Benchmarks.Mount.Peer;

/// <summary>
/// The raw image MemFs and MemProcFS are compared on: a synthetic Windows 10 (19041) image written by
/// <see cref="SyntheticWindowsImage"/> (MemProcFS reads raw files, not AFF4), 384 MiB like issue 15's image, with
/// <see cref="AddedProcesses"/> processes besides the boot ones. The first added process holds three private regions of
/// <see cref="ScannedRegionBytes"/> in all (issue 15's "one process's per-VAD files", 18.8 MB there); every other
/// added process one small region. Region bytes are pseudo-random with <see cref="Needle"/> on its own line every
/// 64 KiB, so <c>grep -r -c</c> over the scanned process's regions counts <see cref="Needles"/>.
/// </summary>
internal sealed class PeerImage
{
    public const string Needle = "MEMFS-PEER-NEEDLE";
    public const long ImageBytes = 384L << 20;
    public const int AddedProcesses = 40;
    public const long ScannedPid = 0x1F00;
    public const string ScannedName = "scanned.exe";
    private const int NeedleEvery = 64 * 1024;
    private const int NeedleAt = 0x100;
    private static readonly long[] ScannedRegions = [4L << 20, 6L << 20, 8L << 20];

    public PeerImage(string path)
    {
        Path = path;
        var image = new SyntheticWindowsImage(systemRegion: true);
        var scanned = image.AddProcess(ScannedPid, ScannedName);
        foreach (var size in ScannedRegions) Regions.Add(image.AddRegion(scanned, size));
        for (var p = 1; p < AddedProcesses; p++) image.AddRegion(image.AddProcess(ScannedPid + p * 4, $"peer{p:D2}.exe"), 256 << 10);
        image.WriteRaw(path, ImageBytes, PlantNeedles);
        ProcessDirectories = image.ProcessDirectories;
        Needles = ScannedRegions.Sum() / NeedleEvery;
    }

    public string Path { get; }

    /// <summary>What MemFs's /processes lists: <c>PID-name</c> of every process.</summary>
    public IReadOnlyList<string> ProcessDirectories { get; }

    /// <summary>The scanned process's regions (its per-VAD files in both tools).</summary>
    public List<SyntheticWindowsImage.Region> Regions { get; } = [];

    public long ScannedRegionBytes => Regions.Sum(r => r.Length);

    /// <summary>Needle lines in the scanned process's regions.</summary>
    public long Needles { get; }

    public static string MemFsProcessDirectory => $"{ScannedPid}-{ScannedName}";

    /// <summary>One needle on its own line in every 64th KiB of region data.</summary>
    private static void PlantNeedles(Span<byte> chunk, long address)
    {
        var line = Encoding.ASCII.GetBytes($"\n{Needle}\n");
        for (var offset = 0; offset < chunk.Length; offset += NeedleEvery)
            if (address + offset >= SyntheticWindowsImage.DataBase) line.CopyTo(chunk[(offset + NeedleAt)..]);
    }
}
