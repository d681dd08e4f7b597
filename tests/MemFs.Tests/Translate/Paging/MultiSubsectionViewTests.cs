using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

/// <summary>
/// A data view over two subsections whose prototype arrays are separate allocations: pages past the VAD's
/// LastContiguousPte are found by counting through the subsection chain (NextSubsection), each read from its own
/// subsection's place in the file; a view longer than the chain fails with that reason.
/// </summary>
[TestFixture(false, Description = "Windows 7 layout")]
[TestFixture(true, Description = "Windows 10 1809+ layout, swizzled")]
public class MultiSubsectionViewTests(bool windows10)
{
    private const string File = @"\Users\analyst\big.dat";
    private const ulong View = 0x0000_0000_3000_0000;

    private (TestWindowsImage Image, byte[] Bytes) Build(int viewPages)
    {
        var image = new TestWindowsImage(windows10);
        var first = image.PrototypeArray(2);
        image.AllocateKernel(0x100);
        var second = image.PrototypeArray(3);
        // Data-file subsections count StartingSector in pages: the second maps file pages 2-4.
        var subsections = image.Section(File, false, [new TestWindowsImage.SubsectionSpec(first, 2, 0, 0), new TestWindowsImage.SubsectionSpec(second, 3, 2, 0)]);
        for (var k = 0UL; k < 2; k++) image.WriteKernel64(first + k * 8, image.SubsectionPte(subsections[0], 4));
        for (var k = 0UL; k < 3; k++) image.WriteKernel64(second + k * 8, image.SubsectionPte(subsections[1], 4));
        var bytes = new byte[5 * 4096];
        for (var page = 0; page < 5; page++) TestWindowsImage.StampedPage(0xDA7A00 + page).CopyTo(bytes, page * 4096);
        image.Files[File] = bytes;
        for (var page = 0UL; page < (ulong)viewPages; page++) image.SetPte(View + page * 4096, 0);
        image.Vads.Add(new VadDescriptor(View, View + (ulong)viewPages * 4096 - 1, false, true, 4, first, first + 8, subsections[0], File, Kind: "Vad "));
        return (image, bytes);
    }

    [Test]
    public void PagesPastLastContiguousPteComeFromTheNextSubsection()
    {
        var (image, bytes) = Build(5);
        var memory = new VirtualMemory(image.Translator(), image.Dtb, image.VadSource);
        var read = new byte[bytes.Length];
        memory.Read(View, read);
        Assert.That(read, Is.EqualTo(bytes));
        var third = memory.Translate(View + 3 * 4096, NoTrace.Instance);
        Assert.That((third.State, third.Location), Is.EqualTo((PageState.FileMapping, (ExtendedLocation?)ExtendedLocation.File(File, 3 * 4096))));
    }

    [Test]
    public void AViewLongerThanTheChainFailsWithTheReason()
    {
        var (image, _) = Build(6);
        var result = image.Translator().Translate(image.Dtb, View + 5 * 4096, image.VadSource, NoTrace.Instance);
        Assert.That(result.Readable, Is.False);
        Assert.That(result.Reason, Does.Contain("past the last subsection"));
    }
}
