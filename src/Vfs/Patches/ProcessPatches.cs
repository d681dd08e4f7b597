using MemFs.Aff4.Caching;
using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Patches;

/// <summary>
/// The patched code of one process: every differing byte run executable recovery found in a code section
/// (IMAGE_SCN_CNT_CODE or IMAGE_SCN_MEM_EXECUTE) of its main image and modules, and for each image that could not
/// be compared, why.
/// </summary>
internal sealed record ProcessPatches(IReadOnlyList<CodePatch> Patches, IReadOnlyList<string> NotCompared)
{
    private const uint ContainsCode = 0x0000_0020;
    private const uint MemoryExecute = 0x2000_0000;

    public static ProcessPatches Find(ProcessView view, ChunkCache cache)
    {
        var patches = new List<CodePatch>();
        var notCompared = new List<string>();
        var main = view.MainImage();
        var images = view.Images;
        var seen = new HashSet<ulong>();
        var wanted = (main is null ? [] : new[] { (Image: main, Report: "recovery.txt") })
            .Concat(images.Select(i => (Image: i, Report: $"modules/{ImageFiles.DirectoryName(images, i)}/recovery.txt")));
        foreach (var (image, report) in wanted)
        {
            if (!seen.Add(image.Base)) continue;
            if (view.Recoveries.Files(image, cache, out var why) is not { } files)
            {
                notCompared.Add($"{image.Name} at 0x{image.Base:X}: cannot be rebuilt: {why}");
                continue;
            }
            if (files.Image.Disk is null)
            {
                notCompared.Add($"{image.Name} at 0x{image.Base:X}: no file on disk to compare with: {files.Image.DiskMissing}");
                continue;
            }
            var analysis = files.Analysis;
            if (analysis.DifferenceRuns > analysis.Differences.Count)
                notCompared.Add($"{image.Name}: only the first {analysis.Differences.Count} of {analysis.DifferenceRuns} differing runs are listed by {report}");
            var exports = new Lazy<ExportSymbols>(() => ExportSymbols.Of(files.Image.Headers));
            foreach (var difference in analysis.Differences)
            {
                if (files.Image.Layout.RvaOf(difference.Offset) is not { } rva || CodeSection(files.Image.Headers, rva) is not { } section) continue;
                patches.Add(new CodePatch(image.Name, section.Name, rva, difference.Length, exports.Value.Describe(image.Name, rva), report));
            }
        }
        return new ProcessPatches(patches, notCompared);
    }

    private static PeSection? CodeSection(PeImageView headers, long rva) => headers.Sections.FirstOrDefault(s =>
        (s.Characteristics & (ContainsCode | MemoryExecute)) != 0 && rva >= s.VirtualAddress && rva < (long)s.VirtualAddress + Math.Max(s.VirtualSize, s.SizeOfRawData));
}
