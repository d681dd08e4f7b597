using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>Listing a directory through the mount, or asking for a rendered-whole file's size, does not render it (it is 0 bytes, served with direct_io, until read); reading it does, once.</summary>
[NonParallelizable]
public class RenderedListingTests
{
    private sealed class Tree(VfsFile file) : IVirtualFileSystem
    {
        public VfsDirectory Root { get; } = new("", new VfsDirectory("pictures", file));
    }

    [Test]
    public void ListingAndStatLeavePicturesUnrenderedUntilRead()
    {
        FuseRequirement.Require();
        var renders = 0;
        using var cache = new ChunkCache(1 << 20);
        var picture = new RenderedFile("big.png", () =>
        {
            Interlocked.Increment(ref renders);
            return new byte[12345];
        }, cache);
        using var mount = TestMount.Start(new Tree(picture));

        var listed = Directory.GetFileSystemEntries(Path.Combine(mount.Path, "pictures")).Select(Path.GetFileName);

        Assert.That(listed, Is.EqualTo(new[] { "big.png" }));
        Assert.That(renders, Is.Zero, "ls does not render");
        Assert.That(new FileInfo(Path.Combine(mount.Path, "pictures", "big.png")).Length, Is.Zero, "stat before the first read: size unknown, 0");
        Assert.That(renders, Is.Zero, "stat does not render");
        Assert.That(File.ReadAllBytes(Path.Combine(mount.Path, "pictures", "big.png")), Has.Length.EqualTo(12345), "direct_io: read to the rendered end, not st_size");
        Assert.That(renders, Is.EqualTo(1));
        Assert.That(File.ReadAllBytes(Path.Combine(mount.Path, "pictures", "big.png")), Has.Length.EqualTo(12345));
        Assert.That(renders, Is.EqualTo(1), "kept in the page cache");
    }
}
