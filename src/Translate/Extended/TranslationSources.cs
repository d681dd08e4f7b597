using MemFs.Translate.Diagnostics;
using MemFs.Aff4;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Extended;

/// <summary>
/// Gathers everything translation can read into one <see cref="ExtendedPhysicalSpace"/>: the image's memory, its
/// own pagefiles (AFF4 volumes carry them) and the command line's, and the mapped files of the AFF4 volume and
/// any further file sources.
/// </summary>
internal static class TranslationSources
{
    /// <summary>
    /// Builds the space. A <c>--pagefile</c> wins over the image's pagefile of the same number. <paramref name="notes"/>
    /// says what was placed where and every choice made, for <c>memfs info</c>; a choice that overrides the image's own
    /// source is also a warning in <paramref name="diagnostics"/>.
    /// </summary>
    public static ExtendedPhysicalSpace Build(PhysicalImage image, IReadOnlyList<AuxiliarySource> pagefileArguments,
        IMappedFileProvider? extraFiles, out IReadOnlyList<string> notes, DiagnosticLog? diagnostics = null)
    {
        var said = new List<string>();
        var pagefiles = new Dictionary<int, IByteSource>();
        try
        {
            if (image.Aff4 is { } aff4) AddAff4Pagefiles(aff4, pagefiles, said);
            foreach (var argument in pagefileArguments) AddArgument(argument, pagefiles, said, diagnostics);
        }
        catch
        {
            foreach (var source in pagefiles.Values) source.Dispose();
            throw;
        }

        var providers = new List<IMappedFileProvider>();
        if (image.Aff4 is { } volume) providers.Add(new Aff4AcquiredFiles(volume));
        if (extraFiles is not null) providers.Add(extraFiles);
        IMappedFileProvider files = providers.Count switch
        {
            0 => NoMappedFiles.Instance,
            1 => providers[0],
            _ => new CompositeFileProvider(providers),
        };

        var space = new ExtendedPhysicalSpace(image.Memory, pagefiles, files);
        said.AddRange(space.Regions.Select(r => $"placed {r}"));
        said.AddRange(space.UnplacedPagefiles.Select(reason => $"left out: {reason}"));
        if (pagefiles.Count == 0) said.Add("no pagefile: paged-out pages are unavailable (give --pagefile [N=]FILE)");
        said.Add($"mapped files from: {files.Description}; each is placed when first read");
        notes = said;
        return space;
    }

    private static void AddAff4Pagefiles(Aff4Image aff4, Dictionary<int, IByteSource> pagefiles, List<string> said)
    {
        foreach (var pagefile in aff4.Locator.FindPagefiles())
        {
            var name = pagefile.WindowsPath ?? pagefile.Urn;
            var number = pagefile.Number ?? ConventionalNumber(name);
            if (number is not { } n)
            {
                said.Add($"AFF4 pagefile {name} skipped: the volume gives no paging file number (give it with --pagefile N=FILE after extracting it)");
                continue;
            }
            if (pagefiles.ContainsKey(n))
            {
                said.Add($"AFF4 pagefile {name} skipped: pagefile {n} is already {pagefiles[n].Name}");
                continue;
            }
            if (pagefile.Number is null)
                said.Add($"AFF4 pagefile {name} taken as pagefile {n} by its name (Windows' usual numbering); if wrong, give --pagefile N=FILE");
            try
            {
                pagefiles[n] = new Aff4StreamByteSource(aff4.OpenStream(pagefile.Urn));
            }
            catch (IOException e)
            {
                said.Add($"AFF4 pagefile {name} skipped: {e.Message}");
            }
        }
    }

    private static void AddArgument(AuxiliarySource argument, Dictionary<int, IByteSource> pagefiles, List<string> said, DiagnosticLog? diagnostics)
    {
        if (argument is not { Kind: AuxiliaryKind.Pagefile, PagefileNumber: { } n })
            throw new ArgumentException($"{argument.Name}: not a numbered pagefile argument", nameof(argument));
        var source = new FileByteSource(argument.Name);
        if (pagefiles.Remove(n, out var replaced))
        {
            said.Add($"pagefile {n}: --pagefile {argument.Name} replaces the image's {replaced.Name}");
            diagnostics?.Add("pagefiles", $"pagefile {n}", $"--pagefile {argument.Name} wins over the image's own {replaced.Name}: a pagefile given on the command line replaces the image's of the same number");
            replaced.Dispose();
        }
        pagefiles[n] = source;
    }

    /// <summary>
    /// pagefile.sys is paging file 0 and swapfile.sys 1 (MemProcFS's convention) unless _MMPAGING_FILE.PageFileNumber
    /// says otherwise.
    /// </summary>
    private static int? ConventionalNumber(string name) =>
        WindowsPath.FileName(name).ToLowerInvariant() switch
        {
            "pagefile.sys" => 0,
            "swapfile.sys" => 1,
            _ => null,
        };
}
