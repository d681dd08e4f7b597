using MemFs.Translate.Paging;
using MemFs.Translate.Windows;

namespace MemFs.Vfs.Session;

/// <summary>
/// Chooses the settings and DTB for an <see cref="AddressSpaceRequest"/> from the session: an override when the command
/// line gives one, else the kernel's own value (discovery, the profile's nt!MiState, a process's EPROCESS), else what
/// the page tables or the image header show. Each choice names its source.
/// </summary>
internal static class AddressSpaceChooser
{
    public static ChosenAddressSpace Choose(EvidenceSession session, AddressSpaceRequest request)
    {
        var provenance = new List<string>();
        var settings = Settings(session, request, provenance);
        if (request.Process is { } reference)
        {
            var system = session.RequireSystem();
            var process = session.Process(reference);
            var translator = settings == system.Translator.Settings ? system.Translator
                : system.CreateTranslator(settings);
            var dtb = request.Dtb ?? process.Dtb;
            provenance.Add($"DTB 0x{dtb:X} (from {(request.Dtb is null ? $"EPROCESS 0x{process.Eprocess:X} of {process.Pid} {process.Name}" : "--dtb")})");
            return new ChosenAddressSpace(translator, dtb, system.Vads(process), process, provenance);
        }
        var (chosenDtb, dtbSource) = Dtb(session, request);
        provenance.Add($"DTB 0x{chosenDtb:X} (from {dtbSource})");
        var kernelDtb = session.Image.Facts.DirectoryTableBase ?? session.Discovery.Dtb ?? chosenDtb;
        var sections = session.System?.SectionObjects ?? ISectionObjects.ForBuild(settings.Build ?? KernelDiscoveryBuild);
        return new ChosenAddressSpace(new WindowsTranslator(session.Space, settings, kernelDtb, sections, session.Cache), chosenDtb, null, null, provenance);
    }

    private const uint KernelDiscoveryBuild = Translate.Windows.Kernel.KernelDiscovery.ProvisionalBuild;

    private static PagingSettings Settings(EvidenceSession session, AddressSpaceRequest request, List<string> provenance)
    {
        var (build, buildSource) = Build(session, request);
        var settings = build is { } b ? PagingSettings.ForBuild(b) : PagingSettings.ForBuild(request.PteLayout == "win7" ? 7601u : request.PteLayout == "24h2" ? 26100u : 19041u);
        provenance.Add(build is { } known ? $"build {known} (from {buildSource})" : $"build unknown (--pte-layout {request.PteLayout} decides the layout)");
        if (request.PteLayout is { } key)
        {
            var layout = SoftwarePteLayout.ByKey(key) ?? throw new ArgumentException($"--pte-layout '{key}': expected win7, win10 or 24h2");
            settings = settings with { Layout = layout, LayoutSource = $"--pte-layout {key} (override)" };
        }
        if (!settings.Layout.HasSwizzleBit)
        {
            provenance.Add($"InvalidPteMask not used ({settings.Layout.Name})");
            return settings with { InvalidPteMask = 0, InvalidPteMaskSource = "not used by this layout" };
        }
        settings = request.InvalidPteMask is { } mask
            ? settings with { InvalidPteMask = mask, InvalidPteMaskSource = "--invalid-pte-mask (override)" }
            : KernelMask(session, settings);
        provenance.Add($"InvalidPteMask 0x{settings.InvalidPteMask:X} (from {settings.InvalidPteMaskSource})");
        return settings;
    }

    private static (uint? Build, string Source) Build(EvidenceSession session, AddressSpaceRequest request)
    {
        if (request.Build is { } overridden) return (overridden, "--build (override)");
        if (session.Discovery.Identity is { Build: { } fromKernel } identity) return (fromKernel, $"the kernel: {identity.BuildSource ?? "identity"}");
        if (session.Image.Facts.BuildNumber is { } fromHeader) return (fromHeader, "the image header");
        if (session.Options.Build is { } hint) return (hint, "--build");
        if (request.PteLayout is not null) return (null, "");
        throw new InvalidDataException("the image does not state its Windows build and no kernel was found that does, which decides how software PTEs are laid out: " +
                                    "give --build N or --pte-layout win7|win10|24h2");
    }

    /// <summary>nt!MiState through the profile when the Windows layer opens; else the mask the page tables show; else the common default.</summary>
    private static PagingSettings KernelMask(EvidenceSession session, PagingSettings settings)
    {
        if (session.System?.Translator.Settings is { } kernel && kernel.InvalidPteMaskSource.StartsWith("nt!MiState", StringComparison.Ordinal))
            return settings with { InvalidPteMask = kernel.InvalidPteMask, InvalidPteMaskSource = kernel.InvalidPteMaskSource };
        var dtb = session.Discovery.Dtb ?? session.Image.Facts.DirectoryTableBase;
        if (dtb is { } tables && InvalidPteMaskInference.Infer(session.Image.Memory, tables) is { } inferred)
            return settings with
            {
                InvalidPteMask = inferred.Mask,
                InvalidPteMaskSource = $"the bit common to {inferred.Samples} swizzled PTEs of the kernel's page tables (bit {System.Numerics.BitOperations.TrailingZeroCount(inferred.Mask)}: the CPU's highest physical address bit)",
            };
        return settings;
    }

    private static (ulong Dtb, string Source) Dtb(EvidenceSession session, AddressSpaceRequest request)
    {
        if (request.Dtb is { } overridden) return (overridden, "--dtb");
        if (session.Discovery.Dtb is { } discovered) return (discovered, $"kernel discovery: {session.Discovery.DtbSource}");
        if (session.Image.Facts.DirectoryTableBase is { } header) return (header, "the image header");
        throw new ArgumentException("no DTB was found in the image: give --dtb 0x… (the CR3 of the address space) or --pid N");
    }
}
