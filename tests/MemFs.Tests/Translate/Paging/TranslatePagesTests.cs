using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

/// <summary>The batched walk gives, page by page, what a single translation of each page gives.</summary>
public class TranslatePagesTests
{
    private const ulong Committed = 0x0000_0010_0000_0000;
    private const ulong Reserved = Committed + 0x40_0000;

    [Test]
    public void PagesUnderAbsentOrDemandZeroUpperLevelsResolveLikeSingleTranslations()
    {
        var image = new TestWindowsImage(windows10: true);
        image.Vads.Add(new VadDescriptor(Committed, Reserved - 1, true, true, 4, 0, 0, 0, null, Kind: "VadS"));
        image.Vads.Add(new VadDescriptor(Reserved, Reserved + 0x1F_FFFF, true, false, 4, 0, 0, 0, null, Kind: "VadS"));
        image.SetPte(Committed + 0x20_0000, TestWindowsImage.Valid(image.AllocateFrame()));
        image.SetEntry(Committed + 0x60_0000, 1, image.DemandZero(4));
        var translator = image.Translator();
        var first = Committed - 0x10_0000;
        var results = new Resolution[0x900];

        translator.TranslatePages(image.Dtb, first, results, image.VadSource);

        for (var i = 0; i < results.Length; i++)
            Assert.That(results[i], Is.EqualTo(translator.Translate(image.Dtb, first + (ulong)i * 4096, image.VadSource, NoTrace.Instance)), $"page 0x{first + (ulong)i * 4096:X}");
        Assert.That(results.Select(r => r.State).Distinct(), Is.EquivalentTo(new[] { PageState.Free, PageState.DemandZero, PageState.Valid, PageState.Reserved }));
    }
}
