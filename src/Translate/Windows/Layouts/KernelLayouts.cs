using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// Every kernel layout MemFs reads with, resolved once from a frozen profile. A layout whose required fields the
/// profile lacks is kept as its error (naming all of them) and thrown when that layout is used, so a system with a
/// partial profile (EPROCESS heuristics) still opens and lists processes.
/// </summary>
internal sealed class KernelLayouts
{
    private readonly ResolvedLayout<EprocessLayout> _eprocess;
    private readonly ResolvedLayout<VadLayout> _vad;
    private readonly ResolvedLayout<PebLayout> _peb;
    private readonly ResolvedLayout<LoaderEntryLayout> _processModules;
    private readonly ResolvedLayout<LoaderEntryLayout> _kernelModules;
    private readonly ResolvedLayout<LoaderListsLayout> _loaderLists;
    private readonly ResolvedLayout<ThreadLayout> _thread;
    private readonly ResolvedLayout<HandleLayout> _handle;

    private KernelLayouts(KernelProfile profile, uint fallbackBuild)
    {
        _eprocess = ResolvedLayout<EprocessLayout>.Resolve(() => EprocessLayout.From(profile));
        _vad = ResolvedLayout<VadLayout>.Resolve(() => VadLayout.From(profile));
        _peb = ResolvedLayout<PebLayout>.Resolve(() => PebLayout.From(profile));
        _processModules = ResolvedLayout<LoaderEntryLayout>.Resolve(() => LoaderEntryLayout.ForProcessModules(profile));
        _kernelModules = ResolvedLayout<LoaderEntryLayout>.Resolve(() => LoaderEntryLayout.ForKernelModules(profile));
        _loaderLists = ResolvedLayout<LoaderListsLayout>.Resolve(() => LoaderListsLayout.From(profile));
        _thread = ResolvedLayout<ThreadLayout>.Resolve(() => ThreadLayout.From(profile));
        _handle = ResolvedLayout<HandleLayout>.Resolve(() => HandleLayout.From(profile));
        Sections = SectionObjectLayout.From(profile, fallbackBuild);
        InvalidPteMask = InvalidPteMaskLayout.From(profile);
    }

    /// <summary>
    /// The layouts of <paramref name="profile"/>, which must be frozen (nothing may change it afterwards);
    /// <paramref name="fallbackBuild"/> picks the section-object table row for fields the profile lacks.
    /// </summary>
    public static KernelLayouts From(KernelProfile profile, uint fallbackBuild) =>
        profile.IsFrozen ? new KernelLayouts(profile, fallbackBuild)
            : throw new InvalidOperationException($"layouts are resolved from a frozen profile; the profile of {profile.Describe()} is not frozen");

    public EprocessLayout Eprocess => _eprocess.Value;
    public VadLayout Vad => _vad.Value;
    public SectionObjectLayout Sections { get; }
    public ResolvedLayout<PebLayout> Peb => _peb;
    public LoaderEntryLayout ProcessModules => _processModules.Value;
    public LoaderEntryLayout KernelModules => _kernelModules.Value;
    public LoaderListsLayout LoaderLists => _loaderLists.Value;
    public ThreadLayout Thread => _thread.Value;
    public HandleLayout Handle => _handle.Value;

    /// <summary>Null when the profile lacks MiState or its Hardware/InvalidPteMask members (before Windows 10).</summary>
    public InvalidPteMaskLayout? InvalidPteMask { get; }

    /// <summary>Every resolved field with its value and source.</summary>
    public IReadOnlyList<LayoutField> Provenance =>
    [
        .. _eprocess.OrNull?.Provenance ?? [], .. _vad.OrNull?.Provenance ?? [], .. Sections.Provenance, .. _peb.OrNull?.Provenance ?? [],
        .. _processModules.OrNull?.Provenance ?? [], .. _kernelModules.OrNull?.Provenance ?? [], .. _loaderLists.OrNull?.Provenance ?? [], .. _thread.OrNull?.Provenance ?? [], .. _handle.OrNull?.Provenance ?? [], .. InvalidPteMask?.Provenance ?? [],
    ];

    /// <summary>The layouts that could not be resolved, each naming the fields the profile lacks.</summary>
    public IReadOnlyList<string> Problems =>
        new[] { _eprocess.Problem, _vad.Problem, _peb.Problem, _processModules.Problem, _kernelModules.Problem, _thread.Problem, _handle.Problem }.OfType<string>().ToList();
}
