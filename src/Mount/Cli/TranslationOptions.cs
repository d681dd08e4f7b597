using System.CommandLine;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Layouts;

namespace MemFs.Mount.Cli;

/// <summary>
/// The options every translating command shares (image, DTB, pagefiles, files, build and layout overrides),
/// and the session they open: image → extended physical space → translator.
/// </summary>
public sealed class TranslationOptions
{
    public Argument<string> Image { get; } = new("IMAGE") { Description = "the memory image (format recognised by content)" };
    public Option<string?> Dtb { get; } = new("--dtb") { Description = "directory table base (CR3) of the address space; default: the image's own DTB (the kernel's)" };
    public Option<string[]> Pagefiles { get; } = InfoCommand.PagefilesOption();
    public Option<string?> Files { get; } = InfoCommand.FilesOption();
    public Option<string?> Disk { get; } = new("--disk") { Description = "a disk or NTFS volume image to read mapped files from (read-only, our own NTFS reader)" };
    public Option<uint?> Build { get; } = new("--build") { Description = "Windows build number, when the image does not state it (chooses the software PTE layout)" };
    public Option<string?> PteLayout { get; } = new("--pte-layout") { Description = "force the software PTE layout: win7 (7601…1803), win10 (1809…23H2), 24h2" };
    public Option<string?> InvalidPteMask { get; } = new("--invalid-pte-mask")
    {
        Description = "nt!MiState.Hardware.InvalidPteMask for 1809+ kernels (default 0x200000000000, MemProcFS's fallback)",
    };

    public void AddTo(Command command)
    {
        command.Add(Image);
        command.Add(Dtb);
        command.Add(Pagefiles);
        command.Add(Files);
        command.Add(Disk);
        command.Add(Build);
        command.Add(PteLayout);
        command.Add(InvalidPteMask);
    }

    public TranslationSession Open(ParseResult parse) =>
        ImageSources.Open(parse.GetValue(Image)!, parse.GetValue(Pagefiles) ?? [], parse.GetValue(Files), parse.GetValue(Disk)).Then(sources =>
        {
            var image = sources.Image;
            var settings = Settings(parse, image.Facts);
            var dtb = parse.GetValue(Dtb) is { } text ? NumberParser.ParseAddress(text, "--dtb")
                : image.Facts.DirectoryTableBase ?? throw new UsageException("the image states no DTB: give --dtb 0x… (the CR3 of the address space)");
            var kernelDtb = image.Facts.DirectoryTableBase ?? dtb;
            var translator = new WindowsTranslator(sources.Space, settings, kernelDtb, new SectionObjectReader(SectionObjectLayout.FromBuildTable(settings.Build ?? 19041)));
            return new TranslationSession(sources, translator, dtb);
        });

    private PagingSettings Settings(ParseResult parse, ImageFacts facts)
    {
        var build = parse.GetValue(Build) ?? facts.BuildNumber;
        var layoutKey = parse.GetValue(PteLayout);
        if (build is null && layoutKey is null)
            throw new UsageException("the image does not state its Windows build, which decides how software PTEs are laid out: give --build N or --pte-layout win7|win10|24h2");
        var settings = build is { } b ? PagingSettings.ForBuild(b) : PagingSettings.ForBuild(layoutKey == "win7" ? 7601u : layoutKey == "24h2" ? 26100u : 19041u);
        if (layoutKey is not null)
        {
            var layout = SoftwarePteLayout.ByKey(layoutKey) ?? throw new UsageException($"--pte-layout '{layoutKey}': expected win7, win10 or 24h2");
            settings = settings with { Layout = layout, LayoutSource = $"--pte-layout {layoutKey}" };
        }
        if (parse.GetValue(InvalidPteMask) is { } mask)
            settings = settings with { InvalidPteMask = NumberParser.ParseAddress(mask, "--invalid-pte-mask"), InvalidPteMaskSource = "--invalid-pte-mask" };
        return settings;
    }
}

/// <summary>An opened image ready to translate; disposing closes every source.</summary>
public sealed class TranslationSession(ImageSources sources, WindowsTranslator translator, ulong dtb) : IDisposable
{
    public PhysicalImage Image => sources.Image;
    public ExtendedPhysicalSpace Space => sources.Space;
    public WindowsTranslator Translator => translator;
    public ulong Dtb => dtb;
    public IReadOnlyList<string> Notes => sources.Notes;

    public void Dispose() => sources.Dispose();
}
