using MemFs.Aff4.Caching;
using MemFs.Tests.Translate.Paging;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.MemoryCompression;

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>
/// A user process whose private pages are all in the compressed store: page i under PageFileHigh
/// <see cref="FirstHigh"/> + i, text pages compressed, page <see cref="RawPage"/> stored raw and page
/// <see cref="ZeroPage"/> a zero page; the store's region pages are valid, in transition and in the pagefile in
/// turn (page % 3), in a MemCompression address space of their own.
/// </summary>
internal sealed class CompressedStoreScenario
{
    public const ulong UserPages = 0x0000_0000_3000_0000;
    public const ulong MemCompressionEprocess = 0xFFFF_C000_0BAD_0080;
    public const uint FirstHigh = 0x100;
    public const int RawPage = TestCompressedStore.RawPage;
    public const int ZeroPage = TestCompressedStore.ZeroPage;

    public CompressedStoreScenario(uint build, int pages = 8, Action<CompressedStoreScenario>? beforeWrite = null)
    {
        Build = build;
        Image = new TestWindowsImage(windows10: true);
        Image.AllocateKernel(16);
        ProcessDtb = Image.NewAddressSpace();
        // One key per leaf: eight pages need two inner levels, and damage to one leaf touches one page.
        Store = new TestCompressedStore(Image, build, MemCompressionEprocess, leafFanout: 1);
        Contents = Store.AddPrivatePages(UserPages, pages, FirstHigh);
        Image.Vads.Add(new VadDescriptor(UserPages, UserPages + (ulong)pages * 4096 - 1, true, true, TestCompressedStore.ReadWrite, 0, 0, 0, null, Kind: "VadS"));
        beforeWrite?.Invoke(this);
        Store.Write(ProcessDtb, TestCompressedStore.InTurn);
    }

    public uint Build { get; }
    public TestWindowsImage Image { get; }
    public ulong ProcessDtb { get; }
    public TestCompressedStore Store { get; }
    public byte[][] Contents { get; }

    public static ulong PageVa(int page) => UserPages + (ulong)page * 4096;

    public static uint KeyOfPage(int page) => TestCompressedStore.KeyOf(FirstHigh + (uint)page);

    public PagingSettings Settings => PagingSettings.ForBuild(Build) with { InvalidPteMask = Image.Mask };

    /// <summary>The production store over this layout, MemCompression known by name and by OwnerProcess.</summary>
    internal CompressedStore OpenStore(bool withVads = true)
    {
        var vads = new TestVads([Store.RegionVad]);
        var process = new CompressionProcess(MemCompressionEprocess, 1996, "MemCompression", ProcessDtb, () => withVads ? vads : null, "test");
        return new CompressedStore(Store.Layout, Build, new SmGlobals(Store.GlobalsSymbol, Store.GlobalsBase, "test layout"),
            e => e == MemCompressionEprocess ? process : null, process, "test: paging file 2", new ChunkCache(16L << 20));
    }

    /// <summary>A translator with the store attached (or, with <paramref name="attach"/> false, without one).</summary>
    public WindowsTranslator Translator(bool attach = true, bool withVads = true)
    {
        var translator = new WindowsTranslator(Image.Space(), Settings, Image.Dtb, null);
        if (attach)
        {
            var attachment = new StoreAttachment("unused");
            attachment.Attach(OpenStore(withVads));
            translator.AttachStore(attachment);
        }
        return translator;
    }

    public VirtualMemory Memory(bool attach = true, HolePolicy holes = HolePolicy.None) => new(Translator(attach), Image.Dtb, Image.VadSource, holes);

    private sealed class TestVads(IReadOnlyList<VadDescriptor> vads) : IVadSource
    {
        public VadDescriptor? FindVad(ulong va) => vads.FirstOrDefault(v => v.Contains(va));
    }
}
