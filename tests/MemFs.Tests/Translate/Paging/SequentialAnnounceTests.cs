using System.Buffers.Binary;
using MemFs.Tests.Translate.Physical.Scatter;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical.Raw;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

/// <summary>
/// A sequential reader's window after next is translated ahead and its scattered frames announced to the image file
/// (WILLNEED), so a cold disk fetches them while the reader is still a window behind; frames already in memory,
/// frames in one run, and reads that do not continue the last one announce nothing, and the bytes read are unchanged.
/// </summary>
public class SequentialAnnounceTests
{
    private const ulong Region = 0x0000_0100_0000_0000;
    private const int Pages = 256;
    private const int Window = 64 * 4096;
    /// <summary>Frames of a scattered image lie this far apart, more than a merged read spans (ScatteredRead.MaxGap), so each is announced alone.</summary>
    private const long Spread = 0x10000;
    private const long TablesAt = Pages * Spread;

    /// <summary>A raw image whose 256-page region (four windows) has its frames in physical order or shuffled; page i holds the number i.</summary>
    private static (RecordingSource Raw, VirtualMemory Memory, long[] Frames) Image(bool scattered, bool? mustFetch)
    {
        var frames = Enumerable.Range(0, Pages).Select(i => i * (scattered ? Spread : 4096L)).ToArray();
        if (scattered) new Random(11).Shuffle(frames);
        var raw = FramedRegion.Build(Region, frames, TablesAt, out var pml4);
        var source = new RecordingSource(raw, "announce.raw") { MustFetchAnswer = mustFetch };
        var space = new ExtendedPhysicalSpace(RawImage.Open(source).Memory, new Dictionary<int, IByteSource>(), NoMappedFiles.Instance);
        var translator = new WindowsTranslator(space, PagingSettings.ForBuild(19041), (ulong)pml4, null);
        return (source, new VirtualMemory(translator, (ulong)pml4, null), frames);
    }

    private static void AssertPages(byte[] window, int firstPage)
    {
        for (var i = 0; i < window.Length / 4096; i++)
            Assert.That(BinaryPrimitives.ReadInt64LittleEndian(window.AsSpan(i * 4096)), Is.EqualTo(firstPage + i), $"page {firstPage + i}");
    }

    /// <summary>Whether every frame of pages [first, first + count) lies inside an announced range.</summary>
    private static bool Announced(RecordingSource raw, long[] frames, int first, int count)
    {
        var covered = Covered(raw.Hints);
        return Enumerable.Range(first, count).All(page => covered(frames[page]));
    }

    private static bool AnyAnnounced(RecordingSource raw, long[] frames, int first, int count)
    {
        var covered = Covered(raw.Hints);
        return Enumerable.Range(first, count).Any(page => covered(frames[page]));
    }

    private const int WindowPages = Window / 4096;

    [Test]
    public void ASequentialReadAnnouncesTheScatteredFramesOfTheWindowAfterNextBeforeTheyAreAskedFor([Values(true, null)] bool? mustFetch)
    {
        var (raw, memory, frames) = Image(scattered: true, mustFetch);
        var window = new byte[Window];
        memory.Read(Region, window);
        AssertPages(window, 0);
        Assert.That(AnyAnnounced(raw, frames, 2 * WindowPages, 2 * WindowPages), Is.False, "a first read is not known to be sequential");
        memory.Read(Region + Window, window);
        AssertPages(window, WindowPages);
        Assert.That(Announced(raw, frames, 3 * WindowPages, WindowPages), Is.True, "every frame of the fourth window, before it is read");
        Assert.That(AnyAnnounced(raw, frames, 2 * WindowPages, WindowPages), Is.False, "the third is left to its own read");
        Assert.That(raw.Reads.Any(r => Enumerable.Range(2 * WindowPages, 2 * WindowPages).Any(p => frames[p] >= r.Offset && frames[p] < r.Offset + r.Length)), Is.False,
            "announced, not read");
        for (var w = 2; w < 4; w++)
        {
            memory.Read(Region + (ulong)(w * Window), window);
            AssertPages(window, w * WindowPages);
        }
    }

    [Test]
    public void FramesInMemoryAreNotAnnounced()
    {
        var (raw, memory, _) = Image(scattered: true, mustFetch: false);
        for (var w = 0; w < 3; w++) memory.Read(Region + (ulong)(w * Window), new byte[Window]);
        Assert.That(raw.Hints, Is.Empty);
    }

    [Test]
    public void FramesInPhysicalOrderAreLeftToTheKernelsReadahead()
    {
        var (raw, memory, _) = Image(scattered: false, mustFetch: true);
        var window = new byte[Window];
        for (var w = 0; w < 3; w++)
        {
            memory.Read(Region + (ulong)(w * Window), window);
            AssertPages(window, w * WindowPages);
        }
        Assert.That(raw.Hints, Is.Empty);
    }

    [Test]
    public void ReadsThatDoNotContinueTheLastOneOrAreSmallAnnounceNothingAhead()
    {
        var (raw, memory, frames) = Image(scattered: true, mustFetch: true);
        memory.Read(Region + Window, new byte[Window]);
        memory.Read(Region, new byte[Window]);
        Assert.That(AnyAnnounced(raw, frames, 2 * WindowPages, 2 * WindowPages), Is.False, "backwards");

        var (small, smallMemory, smallFrames) = Image(scattered: true, mustFetch: true);
        const int size = VirtualMemory.MinAnnouncedRead / 2;
        smallMemory.Read(Region, new byte[size]);
        smallMemory.Read(Region + size, new byte[size]);
        Assert.That(AnyAnnounced(small, smallFrames, 2 * size / 4096, 2 * WindowPages), Is.False, "smaller than a window worth announcing");
    }

    /// <summary>Reads around an announced window, of any alignment and length, get exactly their own pages.</summary>
    [Test]
    public void ReadsAfterAnAnnouncementGetTheirOwnPages([Values(-4096, 0, 100)] int shift, [Values(1, 2)] int windows)
    {
        var (raw, memory, frames) = Image(scattered: true, mustFetch: true);
        memory.Read(Region, new byte[Window]);
        memory.Read(Region + Window, new byte[Window]);
        Assert.That(Announced(raw, frames, 3 * WindowPages, WindowPages), Is.True);
        var length = windows == 1 ? Window : Window + 4096;
        var read = new byte[length - Math.Max(shift, 0)];
        memory.Read((ulong)((long)Region + 2 * Window + shift), read);
        var expected = new byte[read.Length];
        var byPage = Image(scattered: true, mustFetch: false).Memory;
        for (var at = 0; at < expected.Length;)
        {
            var va = (ulong)((long)Region + 2 * Window + shift + at);
            var n = (int)Math.Min(expected.Length - at, 4096 - (long)(va & 0xFFF));
            byPage.Read(va, expected.AsSpan(at, n));
            at += n;
        }
        Assert.That(read, Is.EqualTo(expected));
    }

    private static Func<long, bool> Covered(IReadOnlyList<(long Offset, long Length)> hints) =>
        frame => hints.Any(h => frame >= h.Offset && frame + 4096 <= h.Offset + h.Length);
}
