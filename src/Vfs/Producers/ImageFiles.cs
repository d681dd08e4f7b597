using System.Text;
using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Modules;
using MemFs.Vfs.Tree;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Producers;

/// <summary>
/// The files of one recovered image, in a process directory (its main image) or in modules/&lt;name&gt;/:
/// executable.exe, memory.bin, recovery.txt and the pictures (module directories add the table files of <see cref="ModuleTableFiles"/>). Produced on first read; recovery.txt reads both files once.
/// </summary>
internal static class ImageFiles
{
    /// <param name="owner">Whose image it is, for reports ("4312 explorer.exe", "the kernel").</param>
    public static IEnumerable<VfsNode> Of(ImageRecoveries recoveries, string owner, LoadedImage image, ChunkCache cache)
    {
        if (recoveries.Files(image, cache, out var why) is not { } files)
        {
            yield return BytesFile.Text("recovery.txt", () => $"{image.Name} at 0x{image.Base:X16} in {owner} cannot be rebuilt: {why}\n");
            yield break;
        }
        var listed = image.InLoaderList ? "" : " (not in the loader list)";
        yield return files.Executable;
        yield return files.Memory;
        yield return new RenderedFile("recovery.txt", () => Encoding.UTF8.GetBytes(RecoveryReport.Render(files.Image, files.Analysis, owner + listed)), cache);
        foreach (var picture in ImagePictures.Of(files.Image, files.Executable, cache)) yield return picture;
    }

    /// <summary>modules/: one directory per image, named by the module (the base address added when two share a name).</summary>
    public static VfsDirectory ModulesDirectory(Func<IReadOnlyList<LoadedImage>> list, ImageRecoveries recoveries, string owner, ChunkCache cache) => new("modules", () =>
    {
        var images = list();
        return images.Select(image => new VfsDirectory(DirectoryName(images, image),
            () => Of(recoveries, owner, image, cache).Concat(ModuleTableFiles.Of(recoveries, owner, image, list, cache))));
    });

    /// <summary>An image's directory under modules/: its name, with its base added when another image shares the name.</summary>
    public static string DirectoryName(IReadOnlyList<LoadedImage> images, LoadedImage image)
    {
        var name = image.Name.Replace('/', '_');
        return images.Count(i => string.Equals(i.Name, image.Name, StringComparison.OrdinalIgnoreCase)) > 1 ? $"{name}-0x{image.Base:X}" : name;
    }
}
