using MemFs.Tests.Translate.Paging;
using MemFs.Translate.Extended;
using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>The real kernel32.dll's base relocations, applied in one piece or in chunks of any size, equal the test's own relocation of the file.</summary>
public class BaseRelocationsTests
{
    private const string KernelPath = @"\Windows\System32\kernel32.dll";
    private const ulong LoadBase = 0x0000_7FFB_5A00_0000;

    [TestCase(1 << 30)]
    [TestCase(4093)]
    [TestCase(7)]
    public void ApplyingInChunksEqualsTheLoadersRelocation(int chunk)
    {
        var original = File.ReadAllBytes(PeFacts.PathOf("win10-19041/kernel32.dll"));
        using var space = new ExtendedPhysicalSpace(new SparsePhysicalMemory(), new Dictionary<int, MemFs.Translate.Physical.Sources.IByteSource>(),
            new InMemoryFiles(new Dictionary<string, byte[]> { [KernelPath] = original }));
        var disk = DiskFile.Find(space, KernelPath, out var missing) ?? throw new AssertionException(missing ?? "no file");
        var headers = PeImageView.Parse(new HeadersOnly(), 0, original[..PeImageView.HeaderBytes], out var why) ?? throw new AssertionException(why ?? "no headers");

        var sites = BaseRelocations.Read(disk, headers, out why);

        Assert.That(sites, Is.Not.Null, why);
        var relocated = original.ToArray();
        for (var at = 0; at < relocated.Length; at += chunk)
            sites!.Apply(relocated.AsSpan(at, Math.Min(chunk, relocated.Length - at)), at, LoadBase - headers.File.ImageBase, disk);
        Assert.That(relocated, Is.EqualTo(PeFacts.Relocate(original, LoadBase)));
        Assert.That(relocated, Is.Not.EqualTo(original));
    }
}
