using MemFs.Aff4.Caching;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// Symbol-less kernel discovery: DTB, then kernel base, then identity. Header facts are used
/// unvalidated only when nothing validated exists (a triage dump holds no page tables), and then with a warning.
/// </summary>
public static class KernelDiscovery
{
    /// <summary>Paging layout used while discovering when neither a hint nor the image names a build; only valid pages are read then.</summary>
    public const uint ProvisionalBuild = 19041;

    /// <summary>Discovers the kernel; page-table pages are kept in <paramref name="tableCache"/> (the session's budget) when given.</summary>
    public static KernelDiscoveryResult Discover(PhysicalImage image, ExtendedPhysicalSpace space, uint? buildHint, ChunkCache? tableCache = null)
    {
        var facts = image.Facts;
        var warnings = new List<string>();
        var dtbs = DtbLocator.Locate(image.Memory, facts);
        var chosenDtb = dtbs.Chosen;
        if (chosenDtb is null && dtbs.Candidates.FirstOrDefault(c => c.FoundBy.StartsWith("image header", StringComparison.Ordinal)) is { } header)
        {
            chosenDtb = header;
            warnings.Add($"no DTB could be validated; using the image header's 0x{header.Dtb:X} unvalidated ({header.Why})");
        }
        if (chosenDtb is null)
        {
            warnings.Add($"no kernel DTB found ({dtbs.Candidates.Count} candidates rejected)");
            return new KernelDiscoveryResult { DtbSearch = dtbs, Identity = FromFactsOnly(facts, buildHint, warnings), Warnings = warnings, TableCache = tableCache };
        }

        var dtb = chosenDtb.Dtb;
        var provisional = new WindowsTranslator(space, PagingSettings.ForBuild(buildHint ?? facts.BuildNumber ?? ProvisionalBuild), dtb, null, tableCache);
        var kernels = KernelLocator.Locate(provisional, image.Memory, dtb, facts, dtbs.KernelEntryHint);
        var chosenKernel = kernels.Chosen;
        if (kernels.Problem is not null) warnings.Add(kernels.Problem);
        if (chosenKernel is null && facts.KernelBase is { } headerBase)
        {
            chosenKernel = new KernelCandidate(headerBase, "image header KernBase", false, "not validated");
            warnings.Add($"no kernel image could be validated; using the image header's KernBase 0x{headerBase:X} unvalidated");
        }
        KernelIdentity? identity = null;
        if (chosenKernel is null) warnings.Add($"ntoskrnl not found ({kernels.Candidates.Count} candidates rejected)");
        else identity = KernelIdentity.Read(provisional, chosenKernel.Base, chosenKernel.FoundBy, facts, buildHint, warnings);

        var build = identity?.Build ?? buildHint ?? facts.BuildNumber;
        var settings = build is { } b ? PagingSettings.ForBuild(b) : provisional.Settings;
        if (build is null) warnings.Add($"paging settings assume build {ProvisionalBuild}: no build number is known");
        return new KernelDiscoveryResult
        {
            DtbSearch = dtbs,
            Dtb = dtb,
            DtbSource = chosenDtb.FoundBy,
            KernelSearch = kernels,
            Identity = identity,
            Settings = settings,
            Translator = new WindowsTranslator(space, settings, dtb, null, tableCache),
            TableCache = tableCache,
            Space = space,
            Warnings = warnings,
        };
    }

    private static KernelIdentity? FromFactsOnly(ImageFacts facts, uint? buildHint, List<string> warnings)
    {
        if (facts.KernelBase is not { } kernelBase) return null;
        warnings.Add("the kernel image cannot be read without a DTB; its identity comes from the image's header facts");
        var listed = facts.Modules.FirstOrDefault(m => m.Base == kernelBase);
        var build = facts.BuildNumber ?? buildHint;
        return new KernelIdentity
        {
            Base = kernelBase,
            BaseSource = "image header KernBase",
            TimeDateStamp = listed?.TimeDateStamp,
            SizeOfImage = listed?.Size,
            ImageFactsSource = listed is null ? null : "the image's module list",
            Build = build,
            BuildSource = facts.BuildNumber is not null ? "image header" : buildHint is not null ? "build hint" : null,
        };
    }
}
