using System.Text;
using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Tree;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Producers;

/// <summary>
/// The files of one recovered image, in a process directory (its main image) or in modules/&lt;name&gt;/:
/// executable.exe, memory.bin, recovery.txt and the pictures. Produced on first read; recovery.txt reads both files once.
/// </summary>
internal static class ImageFiles
{
    /// <param name="owner">Whose image it is, for reports ("4312 explorer.exe", "the kernel").</param>
    public static IEnumerable<VfsNode> Of(ImageRecoveries recoveries, string owner, LoadedImage image, ChunkCache cache)
    {
        if (recoveries.Recover(image, out var why) is not { } recovered)
        {
            yield return BytesFile.Text("recovery.txt", () => $"{image.Name} at 0x{image.Base:X16} in {owner} cannot be rebuilt: {why}\n");
            yield break;
        }
        var executable = new ExecutableFile(recovered, cache);
        var memory = new MemoryImageFile(recovered, cache);
        var analysis = new RetryingLazy<RecoveryAnalysis>(() => RecoveryAnalysis.Run(recovered, executable, memory));
        var listed = image.InLoaderList ? "" : " (not in the loader list)";
        yield return executable;
        yield return memory;
        yield return new RenderedFile("recovery.txt", () => Encoding.UTF8.GetBytes(RecoveryReport.Render(recovered, analysis.Value, owner + listed)), cache);
        foreach (var picture in ImagePictures.Of(recovered, executable, cache)) yield return picture;
    }

    /// <summary>modules/: one directory per image, named by the module (the base address added when two share a name).</summary>
    public static VfsDirectory ModulesDirectory(Func<IReadOnlyList<LoadedImage>> list, ImageRecoveries recoveries, string owner, ChunkCache cache) => new("modules", () =>
    {
        var images = list();
        var shared = images.GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return images.Select(image =>
        {
            var name = image.Name.Replace('/', '_');
            if (shared.Contains(image.Name)) name += $"-0x{image.Base:X}";
            return new VfsDirectory(name, () => Of(recoveries, owner, image, cache));
        });
    });
}
