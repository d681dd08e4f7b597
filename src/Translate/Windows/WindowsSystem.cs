using System.Collections.Concurrent;
using MemFs.Aff4.Caching;
using MemFs.Translate.Concurrency;
using MemFs.Translate.Diagnostics;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Handles;
using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.MemoryCompression;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Heuristics;
using MemFs.Translate.Windows.Symbols.Pack;
using MemFs.Translate.Windows.Symbols.Sources;
using MemFs.Translate.Windows.Threads;

namespace MemFs.Translate.Windows;

/// <summary>
/// The Windows layer of an image: the kernel found without symbols, its profile from the best validated source,
/// a translator with the kernel's own settings, and the processes, VADs and modules read through it.
/// Thread-safe: the process list, PsActiveProcessHead and each process's VADs are read once, whichever thread asks
/// first, and what goes wrong is logged in <see cref="Diagnostics"/>.
/// </summary>
public sealed class WindowsSystem
{
    private const string Source = "windows";

    private readonly ConcurrentDictionary<ulong, RetryingLazy<ProcessVads>> _vads = new();
    private readonly RetryingLazy<IReadOnlyList<ProcessInfo>> _processes;
    private readonly RetryingLazy<IReadOnlyList<ScannedProcess>> _scannedProcesses;
    private volatile IProgress<long>? _scanProgress;
    private readonly RetryingLazy<ulong?> _psActiveProcessHead;

    private WindowsSystem(PhysicalImage image, KernelDiscoveryResult discovery, KernelProfile profile, KernelLayouts layouts,
        ProfileResolver.Outcome resolution, WindowsTranslator translator, EprocessHeuristicsResult? heuristics, DiagnosticLog diagnostics)
    {
        Image = image;
        Discovery = discovery;
        Profile = profile;
        Layouts = layouts;
        Resolution = resolution;
        Translator = translator;
        Heuristics = heuristics;
        Kernel = new KernelStructReader(translator);
        Diagnostics = diagnostics;
        Store = new StoreAttachment("the process list, which names MemCompression, has not been read yet");
        translator.AttachStore(Store);
        diagnostics.AddRange("kernel discovery", "", discovery.Warnings);
        _processes = new RetryingLazy<IReadOnlyList<ProcessInfo>>(ReadProcesses);
        _scannedProcesses = new RetryingLazy<IReadOnlyList<ScannedProcess>>(ScanProcesses);
        _psActiveProcessHead = new RetryingLazy<ulong?>(() =>
            ListHead(Identity!, Profile, Image.Facts.PsActiveProcessHead, "PsActiveProcessHead") ?? HeadFromSystemProcess());
    }

    public PhysicalImage Image { get; }
    public KernelDiscoveryResult Discovery { get; }
    public KernelIdentity? Identity => Discovery.Identity;
    /// <summary>The chosen profile, frozen: <see cref="Layouts"/> were resolved from it once.</summary>
    public KernelProfile Profile { get; }
    internal KernelLayouts Layouts { get; }

    /// <summary>Where the section-object offsets came from, field by field (the profile or the per-build table).</summary>
    public string SectionLayoutSources => Layouts.Sections.Sources;

    /// <summary>Kernel structures whose layout the profile could not give, each with every missing field.</summary>
    public IReadOnlyList<string> LayoutProblems => Layouts.Problems;

    /// <summary>Reads subsections and control areas with the resolved section-object layout.</summary>
    public ISectionObjects SectionObjects => new SectionObjectReader(Layouts.Sections);
    public ProfileResolver.Outcome Resolution { get; }
    public EprocessHeuristicsResult? Heuristics { get; }
    public WindowsTranslator Translator { get; }
    public KernelStructReader Kernel { get; }
    public DiagnosticLog Diagnostics { get; }

    /// <summary>The compressed store this layer's translators resolve virtual-store pages through (attached with the process list).</summary>
    internal StoreAttachment Store { get; }

    /// <summary>A translator over this kernel with other paging settings (command-line overrides), sharing the compressed store.</summary>
    public WindowsTranslator CreateTranslator(PagingSettings settings)
    {
        var translator = Discovery.CreateTranslator(settings, SectionObjects);
        translator.AttachStore(Store);
        return translator;
    }

    /// <summary>A snapshot of <see cref="Diagnostics"/> as lines.</summary>
    public IReadOnlyList<string> Warnings => Diagnostics.Lines();

    public static WindowsSystem Open(PhysicalImage image, ExtendedPhysicalSpace space, SymbolOptions symbols) =>
        Open(image, KernelDiscovery.Discover(image, space, symbols.Build), symbols, new DiagnosticLog());

    /// <summary>
    /// Opens the Windows layer on a discovery already made (the session's, with its bounded table cache), logging
    /// into <paramref name="diagnostics"/>.
    /// </summary>
    public static WindowsSystem Open(PhysicalImage image, KernelDiscoveryResult discovery, SymbolOptions symbols, DiagnosticLog diagnostics)
    {
        if (discovery.Translator is null || discovery.Identity is null)
            throw new ImageFormatException(image.Path, null, "no Windows x64 kernel found: " + string.Join("; ", discovery.Warnings.DefaultIfEmpty("no DTB and kernel base could be validated")));
        var identity = discovery.Identity;
        var pdbId = identity.PdbId;
        if (pdbId is null && HeaderPointerMatch.Find(KernelPack.Embedded, image.Facts) is [var fromHeader])
        {
            pdbId = fromHeader.PdbId;
            discovery = discovery with { Warnings = [.. discovery.Warnings, $"kernel PDB id {pdbId} taken from the dump header's pointers (the embedded pack's RVAs reproduce them)"] };
        }
        var id = new KernelId(identity.CodeView?.PdbFileName ?? "ntkrnlmp.pdb", pdbId, identity.Build ?? image.Facts.BuildNumber ?? symbols.Build);

        EprocessHeuristicsResult? heuristics = null;
        try
        {
            heuristics = EprocessHeuristics.Run(discovery.Translator, identity, image.Memory);
        }
        catch (IOException)
        {
            // The heuristics are one source among several; the resolution log says when none was usable.
        }
        var heuristicSource = new FixedProfileSource(EprocessHeuristics.Source, heuristics?.Profile is { Offsets.Count: > 0 } p ? p : null, "no EPROCESS offsets could be validated");
        List<IKernelProfileSource> sources = symbols.UseEmbeddedPack
            ? [.. symbols.UserSources, new EmbeddedPackSource(KernelPack.Embedded), new BuildFamilySource(KernelPack.Embedded), heuristicSource]
            : [.. symbols.UserSources, heuristicSource, new BuildFamilySource(KernelPack.Embedded)];
        var identityProfile = identity.ToProfile();
        var outcome = ProfileResolver.Resolve(id, sources, profile => Validate(discovery, identity, profile, image.Facts));
        var chosen = outcome.Profile ?? throw new KernelProfileException(
            $"no symbol source gave offsets that match this kernel ({id}): " + string.Join("; ", outcome.Log));
        chosen.FillFrom(identityProfile);
        var layouts = KernelLayouts.From(chosen.Freeze(), id.Build ?? KernelDiscovery.ProvisionalBuild);

        var settings = discovery.SettingsWithInvalidPteMask(layouts.InvalidPteMask, chosen.Describe()) ?? discovery.Settings!;
        if (settings.VirtualStoreNumber >= 0)
        {
            var (number, source) = VirtualStorePagefile.Find(identity, chosen, discovery.Translator);
            settings = settings with { VirtualStoreNumber = number, VirtualStoreSource = source };
        }
        var translator = discovery.CreateTranslator(settings, new SectionObjectReader(layouts.Sections));
        var system = new WindowsSystem(image, discovery, chosen, layouts, outcome, translator, heuristics, diagnostics);
        if (heuristics is not null) diagnostics.AddRange("heuristics", "", heuristics.Warnings, DiagnosticKind.Note);
        return system;
    }

    /// <summary>A profile is believed only if, read with it, the System process is PID 4 named "System".</summary>
    private static string? Validate(KernelDiscoveryResult discovery, KernelIdentity identity, KernelProfile profile, ImageFacts facts)
    {
        var resolved = ResolvedLayout<EprocessLayout>.Resolve(() => EprocessLayout.From(profile));
        if (resolved.OrNull is not { } eprocess) return "no EPROCESS offsets: " + resolved.Problem;
        var kernel = new KernelStructReader(discovery.Translator!);
        var system = SystemProcessAddress(kernel, identity, profile, eprocess, facts);
        if (system is null) return "the System process cannot be located (no PsInitialSystemProcess, PsActiveProcessHead)";
        if (!kernel.TryU64(system.Value + (ulong)eprocess.UniqueProcessId, out var pid)) return $"EPROCESS 0x{system:X} cannot be read";
        var name = kernel.AsciiName(system.Value + (ulong)eprocess.ImageFileName, EprocessLayout.ImageFileNameLength);
        return pid == 4 && name == "System" ? null : $"at EPROCESS 0x{system:X} these offsets read PID {pid} and name '{name}', not 4 and 'System'";
    }

    private static ulong? SystemProcessAddress(KernelStructReader kernel, KernelIdentity identity, KernelProfile profile, EprocessLayout eprocess, ImageFacts facts)
    {
        var rva = profile.Rva("PsInitialSystemProcess") ?? identity.Export("PsInitialSystemProcess");
        if (rva is not null && kernel.TryU64(identity.Base + rva.Value, out var system) && system != 0) return system;
        var head = ListHead(identity, profile, facts.PsActiveProcessHead, "PsActiveProcessHead");
        if (head is not null && kernel.TryU64(head.Value, out var first) && first != head)
            return first - (ulong)eprocess.ActiveProcessLinks;
        return null;
    }

    private static ulong? ListHead(KernelIdentity identity, KernelProfile profile, ulong? fromHeader, string symbol) =>
        profile.Rva(symbol) is { } rva ? identity.Base + rva : identity.Export(symbol) is { } export ? identity.Base + export : fromHeader;

    /// <summary>The head of the active process list, resolved once (its warning is logged once).</summary>
    public ulong? PsActiveProcessHead => _psActiveProcessHead.Value;

    /// <summary>
    /// Without symbols: System is the first process on the list, so its ActiveProcessLinks.Blink is the list head;
    /// believed only if it lies inside ntoskrnl.
    /// </summary>
    private ulong? HeadFromSystemProcess()
    {
        if (Identity!.Export("PsInitialSystemProcess") is not { } rva || !Kernel.TryU64(Identity.Base + rva, out var system) || system == 0) return null;
        if (!Kernel.TryU64(system + (ulong)Layouts.Eprocess.ActiveProcessLinks + 8, out var head)) return null;
        if (!Identity.Contains(head))
        {
            Diagnostics.Note(Source, "PsActiveProcessHead", $"System's ActiveProcessLinks.Blink 0x{head:X} is not inside ntoskrnl: not used as PsActiveProcessHead");
            return null;
        }
        Diagnostics.Note(Source, "PsActiveProcessHead", $"taken from System's ActiveProcessLinks.Blink: 0x{head:X}");
        return head;
    }
    public ulong? PsLoadedModuleList => ListHead(Identity!, Profile, Image.Facts.PsLoadedModuleList, "PsLoadedModuleList");

    /// <summary>The processes on the active process list (bounded; breaks are warnings), read once; each one's PEB parameters on first use.</summary>
    public IReadOnlyList<ProcessInfo> Processes => _processes.Value;

    private IReadOnlyList<ProcessInfo> ReadProcesses()
    {
        if (PsActiveProcessHead is not { } head)
        {
            Diagnostics.Add(Source, "PsActiveProcessHead", "unknown: no process list");
            return [];
        }
        var walk = ProcessListWalker.Walk(Kernel, Layouts.Eprocess, head);
        Diagnostics.AddRange("process list", "", walk.Problems);
        AttachCompressedStore(walk.Processes);
        return walk.Processes.Select(WithLazyParameters).ToList();
    }

    /// <summary>Before the PEBs are read, so their pages in the store can be read too.</summary>
    private void AttachCompressedStore(IReadOnlyList<ProcessInfo> processes)
    {
        var cache = Discovery.TableCache ?? new ChunkCache(16L << 20);
        var store = CompressedStoreFactory.Open(Identity!, Profile, Translator, Translator.Settings, processes,
            p => Vads(p) is { Vads.Count: > 0 } known ? known : null, cache, out var why);
        if (store is null)
        {
            Store.Refuse(why!);
            Diagnostics.Note("compressed store", "", $"not attached: {why}");
            return;
        }
        Store.Attach(store);
        Diagnostics.Note("compressed store", "", $"attached: {store.Layout.Source}; {store.Globals}; virtual store {store.VirtualStoreSource}");
    }

    /// <summary>The process with its PEB parameters read on first use: listing processes needs neither their VADs nor their PEBs.</summary>
    private ProcessInfo WithLazyParameters(ProcessInfo process) => process.WithParameters(() => ReadParameters(process));

    private ProcessParameters ReadParameters(ProcessInfo process)
    {
        // Without a PEB layout (a heuristics profile has none) the process is listed without its parameters.
        if (process.Peb is not { } peb || peb == 0 || Layouts.Peb.OrNull is not { } layout) return ProcessParameters.None;
        var memory = new KernelStructReader(new ProcessMemoryReader(ProcessMemory(process)));
        if (!memory.TryU64(peb + (ulong)layout.ProcessParameters, out var parameters) || parameters == 0) return ProcessParameters.None;
        return new ProcessParameters(memory.UnicodeString(parameters + (ulong)layout.ImagePathName), memory.UnicodeString(parameters + (ulong)layout.CommandLine));
    }

    /// <summary>
    /// EPROCESS objects found by scanning physical memory that are not on the active list: terminated or hidden.
    /// A linked process is recognised by its PID, name and create time.
    /// </summary>
    internal IReadOnlyList<EprocessScanner.Candidate> UnlinkedProcesses(CancellationToken cancel = default, IProgress<long>? progress = null)
    {
        var linked = Processes.Select(p => (p.Pid, p.Name, p.CreateTime)).ToHashSet();
        return EprocessScanner.Scan(Image.Memory, Layouts.Eprocess, cancel: cancel, progress: progress).Where(c => !linked.Contains((c.Pid, c.Name, c.CreateTime))).ToList();
    }

    /// <summary>
    /// Every unlinked process the scan finds, with its kernel address recovered where possible
    /// (<see cref="EprocessAddressFinder"/>) and then read like a listed one; scanned once (the scan reads all of
    /// physical memory), so the tree and the commands share one result.
    /// </summary>
    public IReadOnlyList<ScannedProcess> ScannedProcesses => _scannedProcesses.Value;

    /// <summary><see cref="ScannedProcesses"/>, reporting the bytes scanned so far (of the image's backed bytes: the scan reads every physical run) when this call is the one that scans.</summary>
    public IReadOnlyList<ScannedProcess> ScannedProcessesReporting(IProgress<long> progress)
    {
        _scanProgress = progress;
        try
        {
            return _scannedProcesses.Value;
        }
        finally
        {
            _scanProgress = null;
        }
    }

    private IReadOnlyList<ScannedProcess> ScanProcesses()
    {
        var reader = new ProcessReader(Kernel, Layouts.Eprocess);
        var scanned = new List<ScannedProcess>();
        foreach (var candidate in UnlinkedProcesses(progress: _scanProgress))
        {
            if (EprocessAddressFinder.Find(Image.Memory, Translator, candidate.PhysicalAddress) is not { } eprocess)
                scanned.Add(new ScannedProcess(candidate, null, "no self-pointing list entry maps back to it, so its kernel address is unknown"));
            else if (reader.Read(eprocess, inActiveList: false, out var problem) is not { } process)
                scanned.Add(new ScannedProcess(candidate, null, problem));
            else scanned.Add(new ScannedProcess(candidate, WithLazyParameters(process), null));
        }
        return scanned;
    }

    /// <summary>The VADs of a process (read once, then kept), as the translator's VAD source.</summary>
    public ProcessVads Vads(ProcessInfo process) =>
        _vads.GetOrAdd(process.Eprocess, _ => new RetryingLazy<ProcessVads>(() =>
        {
            var result = new VadTreeReader(Kernel, Layouts.Vad, Layouts.Sections).Read(process.Eprocess);
            Diagnostics.AddRange("VADs", $"{process.Pid} {process.Name}", result.Problems);
            return new ProcessVads(result.Vads);
        })).Value;

    /// <summary>The process's virtual address space, with its VADs for zero and prototype PTEs.</summary>
    public VirtualMemory ProcessMemory(ProcessInfo process, HolePolicy holes = HolePolicy.None) =>
        new(Translator, process.Dtb, Vads(process), holes);

    /// <summary>
    /// Where the process's main image is mapped: EPROCESS.SectionBaseAddress (kernel memory, so readable when the
    /// PEB is paged out), else PEB.ImageBaseAddress; null when neither can be read.
    /// </summary>
    public ulong? ImageBase(ProcessInfo process)
    {
        if (Layouts.Eprocess.SectionBaseAddress is { } section && Kernel.TryU64(process.Eprocess + (ulong)section, out var fromKernel) && fromKernel != 0)
            return fromKernel;
        if (process.Peb is not { } peb || peb == 0 || Layouts.Peb.OrNull is not { } layout) return null;
        var memory = new KernelStructReader(new ProcessMemoryReader(ProcessMemory(process)));
        return memory.TryU64(peb + (ulong)layout.ImageBaseAddress, out var fromPeb) && fromPeb != 0 ? fromPeb : null;
    }

    public LoaderListWalker.Result Modules(ProcessInfo process) =>
        process.Peb is { } peb && peb != 0
            ? LoaderListWalker.ProcessModules(new KernelStructReader(new ProcessMemoryReader(ProcessMemory(process))), Layouts.Peb.Value, Layouts.ProcessModules, peb)
            : new LoaderListWalker.Result([], ["the process has no PEB (System and minimal processes)"]);

    /// <summary>The entries of the process's three PEB_LDR_DATA lists and the lists each is linked into.</summary>
    public ProcessLoaderLists LoaderLists(ProcessInfo process) =>
        process.Peb is { } peb && peb != 0
            ? LoaderListWalker.ProcessLists(new KernelStructReader(new ProcessMemoryReader(ProcessMemory(process))), Layouts.Peb.Value, Layouts.ProcessModules, Layouts.LoaderLists, peb)
            : new ProcessLoaderLists([], ["the process has no PEB (System and minimal processes)"]);

    /// <summary>The process's threads from its ThreadListHead, with user stack bounds read from each TEB in its memory.</summary>
    public ThreadList Threads(ProcessInfo process) =>
        ThreadListWalker.Walk(Kernel, new KernelStructReader(new ProcessMemoryReader(ProcessMemory(process))), Layouts.Thread, process.Eprocess);

    /// <summary>
    /// The process's handle table (_EPROCESS.ObjectTable). Types come from nt!ObTypeIndexTable; on kernels with
    /// nt!ObHeaderCookie (Windows 10+) the stored TypeIndex is decoded with the cookie byte read from the kernel.
    /// </summary>
    public HandleTable Handles(ProcessInfo process)
    {
        var layout = Layouts.Handle;
        var types = new ObjectTypes(Kernel, Symbol("ObTypeIndexTable"), layout.TypeName, Cookie(out var cookieSource), cookieSource);
        if (!Kernel.TryU64(process.Eprocess + (ulong)layout.ObjectTable, out var table))
            return new HandleTable([], types.Decoding, [$"_EPROCESS.ObjectTable at 0x{process.Eprocess + (ulong)layout.ObjectTable:X} cannot be read"]);
        return table == 0
            ? new HandleTable([], types.Decoding, ["_EPROCESS.ObjectTable is null (the process has exited or has no handle table)"])
            : HandleTableWalker.Walk(Kernel, layout, types, table);
    }

    private ulong? Symbol(string name) => Identity is { } identity && Profile.Rva(name) is { } rva ? identity.Base + rva : null;

    private byte? Cookie(out string source)
    {
        if (Profile.Rva("ObHeaderCookie") is null)
        {
            source = $"no nt!ObHeaderCookie RVA in the profile of {Profile.Describe()} (none before Windows 10; a build family has no RVAs): TypeIndex used as stored";
            return null;
        }
        if (Symbol("ObHeaderCookie") is { } address && Kernel.TryU8(address, out var cookie))
        {
            source = $"nt!ObHeaderCookie at 0x{address:X} ({Profile.Rvas["ObHeaderCookie"].Source})";
            return cookie;
        }
        source = "nt!ObHeaderCookie cannot be read: types are shown undecoded";
        return null;
    }

    public LoaderListWalker.Result KernelModules() =>
        PsLoadedModuleList is { } head
            ? LoaderListWalker.Walk(Kernel, Layouts.KernelModules, head, kernelModules: true)
            : new LoaderListWalker.Result([], ["PsLoadedModuleList is unknown"]);
}
