using System.Text;
using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Modules;

/// <summary>
/// The table files of one module directory (modules/&lt;name&gt;/): sections.txt, exports.txt, imports.txt and
/// versioninfo.txt, each rendered on first read (size 0 in listings until then) and kept in the page cache.
/// </summary>
internal static class ModuleTableFiles
{
    /// <param name="images">Every image of the address space, for where IAT entries point.</param>
    public static IEnumerable<VfsNode> Of(ImageRecoveries recoveries, string owner, LoadedImage image, Func<IReadOnlyList<LoadedImage>> images, ChunkCache cache)
    {
        var where = $"{image.Name} at 0x{image.Base:X} in {owner}";
        VfsNode File(string name, Func<ModuleImage, string> render) => new RenderedFile(name, () => Encoding.UTF8.GetBytes(
            recoveries.Recover(image, out var why) is not { } recovered ? $"# {name}: {where}: cannot be read: {why}\n"
            : ModuleImage.Open(recovered, out why) is not { } module ? $"# {name}: {where}: no readable headers: {why}\n"
            : render(module)), cache);
        yield return File("sections.txt", m => SectionsText.Render(m, owner));
        yield return File("exports.txt", m => ExportsText.Render(m, owner));
        yield return File("versioninfo.txt", m => VersionInfoText.Render(m, owner));
        yield return File("imports.txt", m => ImportsText.Render(m, image, new LoadedModules(images(), recoveries), owner));
    }
}
