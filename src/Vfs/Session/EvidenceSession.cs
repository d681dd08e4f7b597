using System.Runtime.ExceptionServices;
using MemFs.Aff4.Caching;
using MemFs.Translate.Concurrency;
using MemFs.Translate.Diagnostics;
using MemFs.Translate.Extended;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols.Sources;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Session;

/// <summary>
/// One opened piece of evidence: the image (read-only), its translation sources, one bounded cache that every
/// layer shares (AFF4 chunks, page tables, the tree's pages and rendered files), one diagnostics log, and — made on
/// first use, once, whichever thread asks — the kernel discovery, the Windows layer (or why there is none) and the
/// MemFs tree. Every command and both mount hosts start here. Disposing closes everything once.
/// </summary>
public sealed class EvidenceSession : IDisposable
{
    private readonly ImageSources _sources;
    private readonly RetryingLazy<KernelDiscoveryResult> _discovery;
    private readonly RetryingLazy<SystemOutcome> _system;
    private readonly RetryingLazy<MemFsTree> _tree;
    private readonly RetryingLazy<string?> _mappedFiles;
    private int _disposed;

    private EvidenceSession(EvidenceOptions options, ChunkCache cache, ImageSources sources, DiagnosticLog diagnostics)
    {
        Diagnostics = diagnostics;
        Options = options;
        Cache = cache;
        _sources = sources;
        _discovery = new RetryingLazy<KernelDiscoveryResult>(() => KernelDiscovery.Discover(Image, Space, options.Build, Cache));
        _system = new RetryingLazy<SystemOutcome>(OpenSystem);
        _mappedFiles = new RetryingLazy<string?>(() => System is { } system && HasFileSources ? MappedFileCheck.Warning(system, Space) : null);
        _tree = new RetryingLazy<MemFsTree>(() => new MemFsTree(Image, Space, System, SystemFailure, Cache, options.Holes));
    }

    public EvidenceOptions Options { get; }

    /// <summary>The one memory budget (<see cref="EvidenceOptions.CacheBytes"/>) shared by every cache of the session.</summary>
    public ChunkCache Cache { get; }

    public PhysicalImage Image => _sources.Image;
    public ExtendedPhysicalSpace Space => _sources.Space;

    /// <summary>What was placed where and every choice made while opening the sources.</summary>
    public IReadOnlyList<string> Notes => _sources.Notes;

    /// <summary>Everything the Windows layer found wrong or guessed; reports read snapshots.</summary>
    public DiagnosticLog Diagnostics { get; }

    /// <summary>Symbol-less kernel discovery (DTB, kernel base, build), made once.</summary>
    public KernelDiscoveryResult Discovery => _discovery.Value;

    /// <summary>The Windows layer, or null when the image holds no readable Windows kernel (<see cref="SystemFailure"/> says why).</summary>
    public WindowsSystem? System => _system.Value.System;

    public string? SystemFailure => _system.Value.Failure?.Message;

    /// <summary>The MemFs tree over this session.</summary>
    public MemFsTree Tree => _tree.Value;

    /// <summary>
    /// When file sources were given (--files, --disk, files acquired into the AFF4 volume) but serve none of the loaded
    /// images, the warning that says so, naming paths looked for and where; else null. Checked once, on first use.
    /// </summary>
    public string? MappedFilesWarning => _mappedFiles.Value;

    private bool HasFileSources => Options.Files is not null || Options.Disk is not null || Image.Aff4?.Locator.AcquiredFiles().Count > 0;

    public static EvidenceSession Open(EvidenceOptions options)
    {
        if (options.CacheBytes < EvidenceOptions.MinimumCacheBytes)
            throw new ArgumentException($"cache size {options.CacheBytes}: at least {EvidenceOptions.MinimumCacheBytes} bytes");
        SymbolArguments.Validate(options.Symbols);
        var cache = new ChunkCache(options.CacheBytes);
        try
        {
            var diagnostics = new DiagnosticLog();
            return new EvidenceSession(options, cache, ImageSources.Open(options.ImagePath, options.Pagefiles, options.Files, options.Disk, cache, diagnostics), diagnostics);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>The Windows layer; when there is none, the error that says why.</summary>
    public WindowsSystem RequireSystem()
    {
        var outcome = _system.Value;
        if (outcome.System is null) ExceptionDispatchInfo.Throw(outcome.Failure!);
        return outcome.System!;
    }

    /// <summary>The EPROCESS objects the physical-memory scan finds off the active list (scanned once by the Windows layer).</summary>
    public IReadOnlyList<ScannedProcess> ScannedProcesses => RequireSystem().ScannedProcesses;

    /// <summary><see cref="ScannedProcesses"/> with the scan's progress in bytes of the image's <see cref="PhysicalImage.BackedBytes"/>.</summary>
    public IReadOnlyList<ScannedProcess> ScannedProcessesReporting(IProgress<long> progress) => RequireSystem().ScannedProcessesReporting(progress);

    /// <summary>
    /// The process <paramref name="reference"/> names: on the active list first, else among the scanned processes
    /// whose kernel address was recovered.
    /// </summary>
    public ProcessInfo Process(ProcessReference reference)
    {
        var listed = RequireSystem().Processes;
        if (reference.Eprocess is { } address)
            return listed.FirstOrDefault(p => p.Eprocess == address)
                ?? ScannedProcesses.FirstOrDefault(s => s.Process?.Eprocess == address)?.Process
                ?? throw new InvalidDataException($"no process with EPROCESS 0x{address:X} on the active list or placed by the EPROCESS scan (see 'memfs ps --scan')");
        var pid = reference.Pid!.Value;
        if (listed.FirstOrDefault(p => p.Pid == pid) is { } active) return active;
        var scanned = ScannedProcesses.Where(s => s.Candidate.Pid == pid).ToList();
        var placed = scanned.Where(s => s.Process is not null).ToList();
        if (placed.Count == 1) return placed[0].Process!;
        if (placed.Count > 1)
            throw new ArgumentException($"PID {pid} names {placed.Count} scanned processes ({string.Join(", ", placed.Select(s => s.Location))}): give --pid the EPROCESS address");
        if (scanned.Count > 0)
            throw new InvalidDataException($"PID {pid} {scanned[0].Candidate.Name} was found by the EPROCESS scan at {scanned[0].Location}, but {scanned[0].WhyUnplaced}");
        throw new InvalidDataException($"no process with PID {pid} on the active list or found by the EPROCESS scan (see 'memfs ps --scan')");
    }

    /// <summary>The translator and DTB for <c>vtop</c>/<c>vmem cat</c>, each deciding value with its source.</summary>
    public ChosenAddressSpace AddressSpace(AddressSpaceRequest request) => AddressSpaceChooser.Choose(this, request);

    /// <summary>
    /// Opening the Windows layer either succeeds or yields the reason it cannot; the outcome is kept, so the tree,
    /// README.txt and info.txt agree for the whole session.
    /// </summary>
    private SystemOutcome OpenSystem()
    {
        if (MissingMemory.Reason(Image) is { } noMemory) return new SystemOutcome(null, new InvalidDataException($"{Image.Path}: {noMemory}"));
        try
        {
            var symbols = new SymbolOptions(SymbolArguments.Parse(Options.Symbols, Options.SymbolDownloads), Options.Build);
            return new SystemOutcome(WindowsSystem.Open(Image, Discovery, symbols, Diagnostics), null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            return new SystemOutcome(null, e);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _sources.Dispose();
        Cache.Dispose();
    }

    private sealed record SystemOutcome(WindowsSystem? System, Exception? Failure);
}
