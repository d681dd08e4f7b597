using MemFs.Aff4.Caching;
using MemFs.Translate.Diagnostics;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Extended;

/// <summary>
/// An image opened with its pagefiles and mapped-file sources (--pagefile, --files, --disk) placed in one extended
/// physical space: what every translating command starts from. Disposing closes the space, the sources and the image.
/// </summary>
public sealed class ImageSources : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _fileSources;

    private ImageSources(PhysicalImage image, ExtendedPhysicalSpace space, IReadOnlyList<string> notes, IReadOnlyList<IDisposable> fileSources)
    {
        Image = image;
        Space = space;
        Notes = notes;
        _fileSources = fileSources;
    }

    public PhysicalImage Image { get; }
    public ExtendedPhysicalSpace Space { get; }

    /// <summary>What was placed where and every choice made, for <c>memfs info</c> and <c>vtop</c>.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Opens the image (its decoded chunks kept in <paramref name="cache"/> when given) and places its sources.</summary>
    public static ImageSources Open(string imagePath, IReadOnlyList<string> pagefiles, string? files, string? disk, ChunkCache? cache = null, DiagnosticLog? diagnostics = null)
    {
        var image = PhysicalImageOpener.Open(imagePath, cache);
        var fileSources = new List<IDisposable>();
        try
        {
            var extraFiles = MappedFileSources.Build(files, disk, fileSources);
            var space = TranslationSources.Build(image, PagefileArgument.Parse(pagefiles), extraFiles, out var notes, diagnostics);
            return new ImageSources(image, space, notes, fileSources);
        }
        catch
        {
            foreach (var source in fileSources) source.Dispose();
            image.Dispose();
            throw;
        }
    }

    /// <summary>Runs the next step of opening on these sources; when it fails, the sources are closed.</summary>
    public T Then<T>(Func<ImageSources, T> next)
    {
        try
        {
            return next(this);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Space.Dispose();
        foreach (var source in _fileSources) source.Dispose();
        Image.Dispose();
    }
}
