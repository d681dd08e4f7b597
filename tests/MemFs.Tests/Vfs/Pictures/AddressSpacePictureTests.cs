using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class AddressSpacePictureTests
{
    private const int BarLeft = AddressSpacePicture.BarLeft;
    private const int BarHeight = AddressSpacePicture.BarHeight;

    private static Rgb Colour(PageKind kind) => Palettes.PageKinds.Colour(kind);

    private static AddressRegion Tiny(int index) => AddressRegion.FromPages(0x10000 + (ulong)index * 0x10000, $"r{index}", [PageKind.Valid]);

    [Test]
    public void ThePictureIs1024WideWithOneBandPerRegion()
    {
        var png = PngDecoder.RoundTrip(AddressSpacePicture.Render(Enumerable.Range(0, 5).Select(Tiny).ToList()));
        Assert.That((png.Width, png.Height), Is.EqualTo((1024, 20 + 5 * 12 + 4)));
        Assert.That(AddressSpacePicture.BarWidth, Is.EqualTo(1024 - 4 - BarLeft));
    }

    [Test]
    public void ASmallRegionShowsEveryPageEightPixelsWide()
    {
        PageKind[] kinds = [PageKind.Valid, PageKind.Transition, PageKind.Pagefile, PageKind.FileBacked, PageKind.DemandZero, PageKind.Reserved, PageKind.Unresolvable, PageKind.Valid];
        var region = AddressRegion.FromPages(0x7FF612340000, "notepad.exe", kinds);
        var png = PngDecoder.RoundTrip(AddressSpacePicture.Render([Tiny(0), region]));
        var top = AddressSpacePicture.ContentTop(1);
        for (var page = 0; page < kinds.Length; page++)
            PictureAssert.Filled(png, BarLeft + page * 8, top, 8, BarHeight, Colour(kinds[page]), $"page {page} ({kinds[page]})");
        PictureAssert.Filled(png, BarLeft + kinds.Length * 8, top, 8, BarHeight, PictureColours.Background, "past the bar");
        PictureAssert.Text(png, AddressSpacePicture.Margin, top, "7FF612340000 notepad.exe");
    }

    [Test]
    public void AScaledPixelShowsTheMostInformativeKindOfItsPages()
    {
        var random = new Random(11);
        var kinds = Enumerable.Range(0, 5000).Select(_ => random.Next(100) switch
        {
            < 80 => PageKind.Valid,
            < 90 => PageKind.DemandZero,
            < 97 => PageKind.FileBacked,
            < 99 => PageKind.Transition,
            _ => PageKind.Pagefile,
        }).ToArray();
        kinds[2345] = PageKind.Unresolvable;
        var png = PngDecoder.RoundTrip(AddressSpacePicture.Render([AddressRegion.FromPages(0x20000, "heap", kinds)]));
        var pagesPerPixel = (5000 + AddressSpacePicture.BarWidth - 1) / AddressSpacePicture.BarWidth;
        var pixels = (5000 + pagesPerPixel - 1) / pagesPerPixel;
        for (var x = 0; x < pixels; x++)
        {
            var covered = kinds.Skip(x * pagesPerPixel).Take(pagesPerPixel).ToHashSet();
            var expected = PageKindPriority.Order.First(covered.Contains);
            PictureAssert.Filled(png, BarLeft + x, AddressSpacePicture.ContentTop(0), 1, BarHeight, Colour(expected), $"pixel {x}");
        }
        Assert.That(png.Pixel(BarLeft + 2345 / pagesPerPixel, AddressSpacePicture.ContentTop(0)), Is.EqualTo(Colour(PageKind.Unresolvable)));
        Assert.That(png.Pixel(BarLeft + pixels, AddressSpacePicture.ContentTop(0)), Is.EqualTo(PictureColours.Background));
    }

    [Test]
    public void TheDocumentedPriorityOrdersEveryKind()
    {
        Assert.That(PageKindPriority.Order, Is.EqualTo(new[]
        {
            PageKind.Unresolvable, PageKind.FileBackedMarker, PageKind.Pagefile, PageKind.Compressed, PageKind.Transition, PageKind.FileBacked, PageKind.Valid, PageKind.DemandZero,
            PageKind.Reserved,
        }));
        Assert.That(PageKindPriority.MostInformative(PageKind.Reserved, PageKind.DemandZero), Is.EqualTo(PageKind.DemandZero));
        Assert.That(PageKindPriority.MostInformative(PageKind.Pagefile, PageKind.Transition), Is.EqualTo(PageKind.Pagefile));
    }

    [Test]
    public void AHundredTebibyteReservationAsksOncePerPixelAndShowsItsOneBadPage()
    {
        const ulong pages = 1UL << 35;
        const ulong bad = (1UL << 34) + 12345;
        var calls = new List<(ulong First, ulong Count)>();
        var region = new AddressRegion(0x10000, 0x10000 + pages * AddressRegion.PageSize, "reserved", (first, count) =>
        {
            calls.Add((first, count));
            return first <= bad && bad < first + count ? PageKind.Unresolvable : PageKind.Reserved;
        });
        var png = PngDecoder.RoundTrip(AddressSpacePicture.Render([region]));
        Assert.That(calls, Has.Count.LessThanOrEqualTo(AddressSpacePicture.BarWidth));
        Assert.That(calls[0].First, Is.Zero);
        for (var i = 1; i < calls.Count; i++) Assert.That(calls[i].First, Is.EqualTo(calls[i - 1].First + calls[i - 1].Count), "runs follow each other");
        Assert.That(calls[^1].First + calls[^1].Count, Is.EqualTo(pages), "the runs cover the region");
        var badPixel = calls.FindIndex(c => c.First <= bad && bad < c.First + c.Count);
        var top = AddressSpacePicture.ContentTop(0);
        for (var x = 0; x < calls.Count; x++)
            Assert.That(png.Pixel(BarLeft + x, top), Is.EqualTo(Colour(x == badPixel ? PageKind.Unresolvable : PageKind.Reserved)), $"pixel {x}");
    }

    [Test]
    public void RegionsPastTheMaximumAreCountedInAFinalLine()
    {
        var regions = Enumerable.Range(0, AddressSpacePicture.MaxBands + 6).Select(Tiny).ToList();
        var png = PngDecoder.RoundTrip(AddressSpacePicture.Render(regions));
        Assert.That(png.Height, Is.EqualTo(20 + (AddressSpacePicture.MaxBands + 1) * 12 + 4));
        var last = AddressSpacePicture.MaxBands - 1;
        PictureAssert.Text(png, AddressSpacePicture.Margin, AddressSpacePicture.ContentTop(last), AddressSpacePicture.BandLabel(regions[last]));
        PictureAssert.Text(png, AddressSpacePicture.Margin, AddressSpacePicture.ContentTop(AddressSpacePicture.MaxBands), "... 6 more regions");
        PictureAssert.Filled(png, BarLeft, AddressSpacePicture.ContentTop(AddressSpacePicture.MaxBands), 8, BarHeight, PictureColours.Background, "no bar in the summary line");
    }

    [Test]
    public void TheLegendNamesEveryKindInItsColour()
    {
        var png = PngDecoder.RoundTrip(AddressSpacePicture.Render([]));
        foreach (var kind in Enum.GetValues<PageKind>())
        {
            var (x, y) = AddressSpacePicture.LegendEntryOrigin(kind);
            PictureAssert.Filled(png, x, y, Legend.SwatchSize, Legend.SwatchSize, Colour(kind), $"{kind} swatch");
            PictureAssert.Text(png, Legend.LabelLeft(x), y, Palettes.PageKinds.Label(kind));
        }
    }

    [Test]
    public void AnEmptyOrInvertedRegionHasALabelButNoBar()
    {
        var calls = 0;
        var region = new AddressRegion(0x5000, 0x5000, "empty", (_, _) => { calls++; return PageKind.Valid; });
        var png = PngDecoder.RoundTrip(AddressSpacePicture.Render([region, region with { End = 0x1000 }]));
        Assert.That(calls, Is.Zero);
        PictureAssert.Filled(png, BarLeft, AddressSpacePicture.ContentTop(0), AddressSpacePicture.BarWidth, BarHeight, PictureColours.Background, "no bar");
        PictureAssert.Text(png, AddressSpacePicture.Margin, AddressSpacePicture.ContentTop(1), "000000005000 empty");
    }

    [Test]
    public void LongLabelsAreCutToTheLabelColumn()
    {
        var label = AddressSpacePicture.BandLabel(AddressRegion.FromPages(0xFFFFF80012340000, new string('x', 100), [PageKind.Valid]));
        Assert.That(label, Is.EqualTo("FFFFF80012340000 " + new string('x', AddressSpacePicture.LabelCharacters - 17)));
    }
}
