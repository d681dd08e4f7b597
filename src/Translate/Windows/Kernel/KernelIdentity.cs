using System.Buffers.Binary;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// Which kernel this is: its base, the CodeView (RSDS) record that names its PDB, the PE
/// TimeDateStamp and SizeOfImage (the symbol-server key of the binary), the build, and the RVAs of the exports
/// that later steps start from. Every value says where it came from; values nobody could supply are null.
/// </summary>
public sealed record KernelIdentity
{
    public static readonly IReadOnlyList<string> IdentityExports = ["PsLoadedModuleList", "PsInitialSystemProcess", "NtBuildNumber"];
    public const string ExportSource = "ntoskrnl exports";

    public required ulong Base { get; init; }
    public required string BaseSource { get; init; }

    /// <summary>Whether the PE headers at <see cref="Base"/> could be read (false in a triage dump: no page tables).</summary>
    public bool ImageRead { get; init; }
    public CodeViewRecord? CodeView { get; init; }
    public string? PdbId => CodeView?.PdbId;
    public uint? TimeDateStamp { get; init; }
    public uint? SizeOfImage { get; init; }
    public string? ImageFactsSource { get; init; }
    public uint? Build { get; init; }
    public string? BuildSource { get; init; }
    public KernelSharedData? SharedData { get; init; }
    public IReadOnlyDictionary<string, ulong> ExportRvas { get; init; } = new Dictionary<string, ulong>();

    public ulong? Export(string name) => ExportRvas.TryGetValue(name, out var rva) ? rva : null;

    public bool Contains(ulong va) => SizeOfImage is { } size && va >= Base && va - Base < size;

    /// <summary>Reads the identity of the kernel at <paramref name="kernelBase"/>; what cannot be read comes from the image's facts, with a warning.</summary>
    public static KernelIdentity Read(IKernelReader kernel, ulong kernelBase, string baseSource, ImageFacts facts, uint? buildHint, List<string> warnings)
    {
        var pe = PeImageView.TryOpen(kernel, kernelBase, out var why);
        CodeViewRecord? codeView = null;
        var exports = new Dictionary<string, ulong>(StringComparer.Ordinal);
        if (pe is null)
            warnings.Add($"the kernel image at 0x{kernelBase:X} cannot be read ({why}); its identity comes from the image's header facts");
        else
        {
            codeView = pe.ReadCodeView(out why);
            if (codeView is null) warnings.Add($"kernel at 0x{kernelBase:X}: no CodeView record ({why})");
            var all = pe.ReadExports(out why);
            if (why is not null) warnings.Add($"kernel at 0x{kernelBase:X}: exports unreadable ({why})");
            foreach (var name in IdentityExports)
                if (all.TryGetValue(name, out var rva)) exports[name] = rva;
        }

        var shared = KernelSharedData.TryRead(kernel, out var sharedWhy);
        if (shared is null) warnings.Add($"KUSER_SHARED_DATA cannot be read: {sharedWhy}");
        var (build, buildSource) = ChooseBuild(kernel, kernelBase, shared, exports, facts, buildHint);
        if (build is null) warnings.Add("the build number is unknown: KUSER_SHARED_DATA, the NtBuildNumber export and the image's facts give none");

        var listed = facts.Modules.FirstOrDefault(m => m.Base == kernelBase);
        return new KernelIdentity
        {
            Base = kernelBase,
            BaseSource = baseSource,
            ImageRead = pe is not null,
            CodeView = codeView,
            TimeDateStamp = pe?.TimeDateStamp ?? listed?.TimeDateStamp,
            SizeOfImage = pe?.SizeOfImage ?? listed?.Size,
            ImageFactsSource = pe is not null ? "PE headers" : listed is not null ? "the image's module list" : null,
            Build = build,
            BuildSource = buildSource,
            SharedData = shared,
            ExportRvas = exports,
        };
    }

    /// <summary>A profile holding what the identity knows: the PDB id, the build and the exported RVAs.</summary>
    public KernelProfile ToProfile()
    {
        var profile = new KernelProfile(PdbId, Build);
        foreach (var (name, rva) in ExportRvas) profile.SetRva(name, rva, ExportSource);
        return profile;
    }

    private static (uint? Build, string? Source) ChooseBuild(IKernelReader kernel, ulong kernelBase, KernelSharedData? shared,
        Dictionary<string, ulong> exports, ImageFacts facts, uint? hint)
    {
        if (shared?.Build is { } fromShared) return (fromShared, $"KUSER_SHARED_DATA.NtBuildNumber 0x{shared.NtBuildNumberRaw:X}");
        if (exports.TryGetValue("NtBuildNumber", out var rva))
        {
            Span<byte> b = stackalloc byte[4];
            if (kernel.TryRead(kernelBase + rva, b, out _))
            {
                var raw = BinaryPrimitives.ReadUInt32LittleEndian(b);
                if ((raw >> 28) is 0xF or 0xC && (raw & 0xFFFF) is >= 2600 and < 65535) return (raw & 0xFFFF, $"NtBuildNumber export 0x{raw:X}");
            }
        }
        if (facts.BuildNumber is { } fromFacts) return (fromFacts, "image header");
        return hint is { } h ? (h, "build hint") : (null, null);
    }
}
