using System.Buffers;
using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Scatter;
using MemFs.Translate.Physical.Sources;
using MemFs.Translate.Concurrency;

namespace MemFs.Translate.Extended;

/// <summary>
/// Physical memory at 0, then each pagefile by number, then each mapped file when first used, every one at a
/// base aligned to 1 GiB (a mapped file larger than that: to its size rounded up to 1 GiB). Bases never
/// change while the object lives. Owns the pagefile sources and the files it opens, not the physical memory.
/// </summary>
public sealed class ExtendedPhysicalSpace : IExtendedSpace, IDisposable
{
    public const long Alignment = 1L << 30;

    private readonly IPhysicalMemory _physical;
    private readonly ExtendedRegion _physicalRegion;
    private readonly Dictionary<int, PlacedSource> _pagefiles = [];
    private readonly IMappedFileProvider _files;
    private readonly ConcurrentDictionary<string, RetryingLazy<MappedFileLookup>> _fileByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PlacedSource> _fileBySource = new(StringComparer.Ordinal);
    private readonly Lock _placement = new();
    private readonly Dictionary<int, string> _unplacedPagefiles = [];
    private readonly RegionPlacer _placer;
    private volatile ExtendedRegion[] _regions;
    private bool _disposed;

    public ExtendedPhysicalSpace(IPhysicalMemory physical, IReadOnlyDictionary<int, IByteSource> pagefiles, IMappedFileProvider files)
    {
        _physical = physical;
        _files = files;
        var end = physical.Runs.Count == 0 ? 0 : physical.Runs[^1].End;
        _physicalRegion = new ExtendedRegion(BackingKind.Physical, "physical memory", 0, end, Source: physical.Format);
        _placer = new RegionPlacer(Math.Max(end, 1));
        var regions = new List<ExtendedRegion> { _physicalRegion };
        foreach (var (number, source) in pagefiles.OrderBy(p => p.Key))
        {
            if (!_placer.TryPlace(source.Length, Alignment, out var start))
            {
                _unplacedPagefiles[number] = $"pagefile {number} ({source.Name}) claims 0x{source.Length:X} bytes, more than the extended space can place";
                source.Dispose();
                continue;
            }
            var region = new ExtendedRegion(BackingKind.Pagefile, $"pagefile {number}", start, source.Length, number, source.Name);
            _pagefiles[number] = new PlacedSource(region, source);
            regions.Add(region);
        }
        _regions = [.. regions];
    }

    /// <summary>Where mapped files come from, for reports.</summary>
    public string FileSources => _files.Description;

    public IReadOnlyList<ExtendedRegion> Regions => _regions;

    /// <summary>Why each supplied pagefile that could not be placed was left out.</summary>
    public IReadOnlyCollection<string> UnplacedPagefiles => _unplacedPagefiles.Values;

    /// <summary>Whether a file source has <paramref name="windowsPath"/>; a file found is placed as a read would place it.</summary>
    public bool HasFile(string windowsPath) => Find(ExtendedLocation.File(windowsPath, 0), out _) is not null;

    public void Read(ExtendedLocation location, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (location.Kind == BackingKind.Physical)
        {
            _physical.Read(location.Offset, destination);
            return;
        }
        var placed = Find(location, out var reason) ?? throw new BackingUnavailableException(location, reason!);
        var supplied = Supplied(placed, location, destination, out var pastEnd);
        if (pastEnd is not null) throw new BackingUnavailableException(location, pastEnd);
        placed.Source.ReadExactly(location.Offset, destination[..supplied], location.ToString());
    }

    /// <summary>
    /// The parts grouped by what serves them (physical memory, each pagefile and file) and each group read together,
    /// merged and prefetched by its source; every part fails or not as <see cref="Read"/> would.
    /// </summary>
    public void ReadScattered(ReadOnlySpan<ExtendedRequest> requests, Span<byte> destination, Span<Exception?> failures)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (AllPhysical(requests))
        {
            ReadPhysicalScattered(requests, destination, failures);
            return;
        }
        var groups = new Dictionary<object, List<int>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < requests.Length; i++)
        {
            failures[i] = null;
            var location = requests[i].Location;
            string? reason = null;
            object? server = location.Kind == BackingKind.Physical ? _physical : Find(location, out reason);
            if (server is null)
            {
                failures[i] = new BackingUnavailableException(location, reason!);
                continue;
            }
            if (!groups.TryGetValue(server, out var parts)) groups[server] = parts = [];
            parts.Add(i);
        }
        foreach (var (server, parts) in groups)
        {
            var pieces = new ScatterRequest[parts.Count];
            var pieceFailures = new Exception?[parts.Count];
            var locations = new ExtendedLocation[parts.Count];
            for (var p = 0; p < parts.Count; p++)
            {
                var r = requests[parts[p]];
                locations[p] = r.Location;
                var length = r.Length;
                if (server is PlacedSource placed)
                {
                    length = Supplied(placed, r.Location, destination.Slice(r.Destination, r.Length), out var pastEnd);
                    if (pastEnd is not null)
                    {
                        pieceFailures[p] = new BackingUnavailableException(r.Location, pastEnd);
                        length = 0;
                    }
                }
                pieces[p] = new ScatterRequest(r.Location.Offset, length, r.Destination);
            }
            if (server is PlacedSource source)
            {
                var pastEnds = (Exception?[])pieceFailures.Clone();
                ScatteredRead.Read(source.Source, pieces, destination, pieceFailures, p => locations[p].ToString());
                for (var p = 0; p < parts.Count; p++) pieceFailures[p] ??= pastEnds[p];
            }
            else
            {
                _physical.ReadScattered(pieces, destination, pieceFailures);
            }
            for (var p = 0; p < parts.Count; p++) failures[parts[p]] = pieceFailures[p];
        }
    }

    private static bool AllPhysical(ReadOnlySpan<ExtendedRequest> requests)
    {
        foreach (var r in requests)
        {
            if (r.Location.Kind != BackingKind.Physical) return false;
        }
        return true;
    }

    /// <summary>Parts all in physical memory (most requests): one group in request order, so no grouping is needed.</summary>
    private void ReadPhysicalScattered(ReadOnlySpan<ExtendedRequest> requests, Span<byte> destination, Span<Exception?> failures)
    {
        var pieces = ArrayPool<ScatterRequest>.Shared.Rent(requests.Length);
        try
        {
            for (var i = 0; i < requests.Length; i++)
                pieces[i] = new ScatterRequest(requests[i].Location.Offset, requests[i].Length, requests[i].Destination);
            _physical.ReadScattered(pieces.AsSpan(0, requests.Length), destination, failures);
        }
        finally
        {
            ArrayPool<ScatterRequest>.Shared.Return(pieces);
        }
    }

    /// <summary>How many of <paramref name="destination"/>'s bytes the placed source supplies (a mapped file's last page:
    /// only up to the file's end, see <see cref="ReadFileTail"/>), or why it cannot supply them.</summary>
    private static int Supplied(PlacedSource placed, ExtendedLocation location, Span<byte> destination, out string? pastEnd)
    {
        if (location.Kind == BackingKind.File && location.Offset >= 0 && location.Offset < placed.Source.Length)
            destination = ReadFileTail(placed, location, destination);
        pastEnd = OutOfRange(placed, location.Offset, destination.Length);
        return destination.Length;
    }

    /// <summary>
    /// The memory manager zero-fills the part of a mapped file's last page that lies past the end of the file, so a
    /// read of that page is the file's tail followed by zeros. Returns the part the file supplies.
    /// </summary>
    private static Span<byte> ReadFileTail(PlacedSource placed, ExtendedLocation location, Span<byte> destination)
    {
        var available = placed.Source.Length - location.Offset;
        if (destination.Length <= available) return destination;
        destination[(int)available..].Clear();
        return destination[..(int)available];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsAvailable(ExtendedLocation location, out string? reason)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (location.Kind == BackingKind.Physical)
        {
            reason = PhysicalHole(location.Offset);
            return reason is null;
        }
        reason = Find(location, out var missing) is { } placed ? OutOfRange(placed, location.Offset, 1) : missing;
        return reason is null;
    }

    public long? FileLength(string path, out string? reason)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Find(ExtendedLocation.File(path, 0), out reason)?.Region.Length;
    }

    public long? CombinedOffset(ExtendedLocation location)
    {
        var region = location.Kind == BackingKind.Physical ? _physicalRegion : Find(location, out _)?.Region;
        return region is not null && location.Offset >= 0 && location.Offset < region.Length ? region.Base + location.Offset : null;
    }

    /// <summary>The location an offset in the combined space stands for, or null between regions.</summary>
    public ExtendedLocation? Locate(long combinedOffset)
    {
        var region = Array.Find(_regions, r => combinedOffset >= r.Base && combinedOffset < r.End);
        return region?.Kind switch
        {
            BackingKind.Physical => ExtendedLocation.Physical(combinedOffset),
            BackingKind.Pagefile => ExtendedLocation.Pagefile(region.PagefileNumber, combinedOffset - region.Base),
            BackingKind.File => ExtendedLocation.File(region.Name, combinedOffset - region.Base),
            _ => null,
        };
    }

    public void Dispose()
    {
        lock (_placement)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var placed in _pagefiles.Values.Concat(_fileBySource.Values)) placed.Source.Dispose();
        }
    }

    private PlacedSource? Find(ExtendedLocation location, out string? reason)
    {
        reason = null;
        if (location.Kind == BackingKind.Pagefile)
        {
            if (_pagefiles.TryGetValue(location.PagefileNumber, out var pagefile)) return pagefile;
            if (_unplacedPagefiles.TryGetValue(location.PagefileNumber, out reason)) return null;
            reason = $"pagefile {location.PagefileNumber} was not supplied (use --pagefile {location.PagefileNumber}=FILE)";
            return null;
        }
        if (location.Kind == BackingKind.Compressed)
        {
            reason = "a compressed-store page is produced by the translator that resolved it, not by the extended space";
            return null;
        }
        if (location.FilePath is not { } path)
        {
            reason = "a mapped-file location without a file path";
            return null;
        }
        var lookup = _fileByKey.GetOrAdd(WindowsPathKey.From(path), key => new RetryingLazy<MappedFileLookup>(() => OpenFile(key, path))).Value;
        reason = lookup.Reason;
        return lookup.Placed;
    }

    private MappedFileLookup OpenFile(string key, string path)
    {
        if (!WindowsPathKey.IsLocal(key))
            return MappedFileLookup.Missing($"{path} is not on a local volume (a network share or another device): no file source serves it");
        IByteSource? source;
        try
        {
            source = _files.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return MappedFileLookup.Missing($"{path} could not be opened ({_files.Description}): {e.Message}");
        }
        if (source is null)
            return MappedFileLookup.Missing($"{path} is not available from any file source (AFF4 volume, --files, --disk; searched: {_files.Description})");
        return PlaceFile(path, source);
    }

    /// <summary>Places a newly opened file, or reuses the placement of the same file reached by another name.</summary>
    private MappedFileLookup PlaceFile(string path, IByteSource source)
    {
        lock (_placement)
        {
            if (_disposed) source.Dispose();
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_fileBySource.TryGetValue(source.Name, out var known))
            {
                source.Dispose();
                return MappedFileLookup.Found(known);
            }
            long start = 0;
            if (RegionPlacer.AlignUp(source.Length, Alignment) is not { } rounded || !_placer.TryPlace(source.Length, Math.Max(Alignment, rounded), out start))
            {
                var reason = $"{path} ({source.Name}) claims 0x{source.Length:X} bytes, more than the extended space can place";
                source.Dispose();
                return MappedFileLookup.Missing(reason);
            }
            var region = new ExtendedRegion(BackingKind.File, path, start, source.Length, Source: source.Name);
            var placed = new PlacedSource(region, source);
            _fileBySource[source.Name] = placed;
            _regions = [.. _regions, region];
            return MappedFileLookup.Found(placed);
        }
    }

    private static string? OutOfRange(PlacedSource placed, long offset, int count)
    {
        var (name, length) = (placed.Region.Name, placed.Source.Length);
        if (offset < 0) return $"offset {offset} is negative ({name})";
        if (offset >= length) return $"offset 0x{offset:X} lies past the end of {name} (0x{length:X} bytes)";
        if (count > length - offset) return $"0x{count:X} bytes at offset 0x{offset:X} run past the end of {name} (0x{length:X} bytes)";
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? PhysicalHole(long address)
    {
        var runs = _physical.Runs;
        // Translation asks about neighbouring pages one after another: the run that answered last usually answers again.
        var hint = Volatile.Read(ref _lastRun);
        if (hint < runs.Count && runs[hint].Contains(address)) return null;
        var (lo, hi) = (0, runs.Count - 1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (runs[mid].Contains(address))
            {
                Volatile.Write(ref _lastRun, mid);
                return null;
            }
            if (address < runs[mid].Start) hi = mid - 1;
            else lo = mid + 1;
        }
        return $"physical address 0x{address:X} is not in the image";
    }

    private int _lastRun;
}
