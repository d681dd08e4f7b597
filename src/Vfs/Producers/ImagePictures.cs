using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Pictures;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Producers;

/// <summary>
/// The pictures of one recovered image: executable.png (its bytes, colorize-style), recovery.png (where each page
/// came from) and, with the file on disk, diff.png (filecompare-style). Rendered on first read, kept in the page cache.
/// </summary>
internal static class ImagePictures
{
    public static IEnumerable<VfsNode> Of(RecoveredImage image, VfsFile executable, ChunkCache cache)
    {
        var fits = executable.Length <= ByteColumnLayout.MaxLength;
        if (fits) yield return new RenderedFile("executable.png", () => PngEncoder.Encode(BytePicture.Render(ReadAll(executable, new UnreadableRanges()))), cache);
        if (image.Image.PageCount <= RecoveryPicture.MaxPages)
            yield return new RenderedFile("recovery.png", () =>
            {
                var counts = new PageOriginCounts(image.Image.Pages);
                return PngEncoder.Encode(RecoveryPicture.Render(image.Image.Pages.Select(p => Source(p.Origin)).ToList(),
                    source => Enum.GetValues<PageOrigin>().Where(o => Source(o) == source).Sum(o => counts[o])));
            }, cache);
        if (fits && image.Disk is { } disk && disk.Length <= ByteColumnLayout.MaxLength)
            yield return new RenderedFile("diff.png", () =>
            {
                // Pages that fail to read (evidence that shrank while mounted) are shown as missing, like zero-filled ones.
                var unreadable = new UnreadableRanges();
                var recovered = ReadAll(executable, unreadable);
                var onDisk = new byte[disk.Length];
                unreadable.Read(RecoveryAnalysis.DiskName, 0, onDisk, image.ReadComparable);
                var missing = ZeroFilledRange.Of(image).Select(r => (r.Offset, r.End)).Concat(unreadable.Ranges.Select(r => (r.Offset, r.End))).ToList();
                return PngEncoder.Encode(DiffPicture.Render(recovered, onDisk, missing));
            }, cache);
    }

    /// <summary>One colour per origin, so the legend counts are recovery.txt's "Pages of the image, by origin".</summary>
    public static PageSource Source(PageOrigin origin) => origin switch
    {
        PageOrigin.Disk => PageSource.Disk,
        PageOrigin.DemandZero => PageSource.DemandZero,
        PageOrigin.ZeroFilled => PageSource.ZeroFilled,
        _ => PageSource.Memory,
    };

    /// <summary>The whole file; a page that fails to read is zeros (recorded in <paramref name="unreadable"/>).</summary>
    private static byte[] ReadAll(VfsFile file, UnreadableRanges unreadable)
    {
        var bytes = new byte[file.Length];
        unreadable.Read(file.Name, 0, bytes, (offset, destination) =>
        {
            for (var done = 0; done < destination.Length;)
            {
                var n = file.Read(offset + done, destination[done..]);
                if (n == 0) throw new IOException($"{file.Name} ended at {offset + done} of {file.Length} bytes");
                done += n;
            }
        });
        return bytes;
    }
}
