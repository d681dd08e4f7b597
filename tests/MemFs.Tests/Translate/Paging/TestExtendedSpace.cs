using MemFs.Translate.Extended;
using MemFs.Translate.Physical;

namespace MemFs.Tests.Translate.Paging;

/// <summary>
/// A minimal extended space for translator tests: physical memory, pagefiles and files held in memory,
/// each optional, so tests can count what is recovered with and without them.
/// </summary>
internal sealed class TestExtendedSpace(IPhysicalMemory physical, IReadOnlyDictionary<int, byte[]> pagefiles, IReadOnlyDictionary<string, byte[]> files) : IExtendedSpace
{
    private const long Gap = 1L << 40;

    public IReadOnlyList<ExtendedRegion> Regions => [new(BackingKind.Physical, "physical", 0, Gap)];

    public void Read(ExtendedLocation location, Span<byte> destination)
    {
        if (location.Kind == BackingKind.Physical)
        {
            physical.Read(location.Offset, destination);
            return;
        }
        if (!IsAvailable(location.Plus(destination.Length - 1), out var why)) throw new BackingUnavailableException(location, why!);
        Source(location)!.AsSpan((int)location.Offset, destination.Length).CopyTo(destination);
    }

    public bool IsAvailable(ExtendedLocation location, out string? reason)
    {
        reason = null;
        if (location.Kind == BackingKind.Physical)
        {
            var ok = physical.Runs.Any(r => r.Contains(location.Offset));
            if (!ok) reason = "not in the physical image";
            return ok;
        }
        var source = Source(location);
        if (source is null) reason = location.Kind == BackingKind.Pagefile ? $"pagefile {location.PagefileNumber} was not supplied" : $"{location.FilePath} is not available";
        else if (location.Offset >= source.Length) reason = "past the end";
        return reason is null;
    }

    public long? CombinedOffset(ExtendedLocation location) => location.Kind switch
    {
        BackingKind.Physical => location.Offset,
        BackingKind.Pagefile => Source(location) is null ? null : Gap * (1 + location.PagefileNumber) + location.Offset,
        _ => Source(location) is null ? null : Gap * 20 + location.Offset,
    };

    private byte[]? Source(ExtendedLocation location) => location.Kind == BackingKind.Pagefile
        ? pagefiles.GetValueOrDefault(location.PagefileNumber)
        : files.FirstOrDefault(f => string.Equals(f.Key, location.FilePath, StringComparison.OrdinalIgnoreCase)).Value;
}
