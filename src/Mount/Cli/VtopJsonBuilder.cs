using MemFs.Mount.Cli.Json;
using MemFs.Translate.Paging;

namespace MemFs.Mount.Cli;

/// <summary>A translation as <see cref="VtopJson"/>: the same steps, values and decisions as <see cref="TraceRenderer"/> prints.</summary>
internal static class VtopJsonBuilder
{
    public static VtopJson Build(ulong va, ulong dtb, VtopProcessJson? process, IReadOnlyList<string> provenance, IReadOnlyList<string> extendedSpace,
        IReadOnlyList<string> notes, IReadOnlyList<TraceStep> steps, Resolution result, PagingSettings settings)
    {
        var swizzles = settings.Layout.HasSwizzleBit;
        return new VtopJson(Hex.Of(va), process, Hex.Of(dtb), settings.Layout.Name, settings.LayoutSource,
            swizzles ? Hex.Of(settings.InvalidPteMask) : null, swizzles ? settings.InvalidPteMaskSource : null,
            provenance, extendedSpace, notes, Steps(steps, settings), Result(result));
    }

    private static IReadOnlyList<VtopStepJson> Steps(IReadOnlyList<TraceStep> steps, PagingSettings settings) => steps.Select(s => new VtopStepJson(
        JsonNamingCase(s.Kind.ToString()), s.Text.Trim(), LocationJson.Of(s.Location), Hex.Of(s.Raw), s.Decoded is { } d ? Pte(d, s.Kind, settings) : null,
        Hex.Of(s.VirtualAddress), s.Nested is { } nested ? Steps(nested, settings) : null)).ToList();

    private static PteJson Pte(DecodedPte d, TraceStepKind where, PagingSettings settings) => new(
        JsonNamingCase(d.Kind.ToString()), Hex.Of(d.Raw), Hex.Of(d.Value), d.Unswizzled, d.Protection >= 0 ? d.Protection : null, d.Protection >= 0 ? MmProtection.Name(d.Protection) : null,
        d.Kind is PteKind.Valid or PteKind.Transition ? Hex.Of((ulong)d.FrameAddress) : null,
        d.Kind is PteKind.Pagefile or PteKind.VirtualStore ? d.PagefileNumber : null,
        d.Kind is PteKind.Pagefile or PteKind.VirtualStore ? Hex.Of((ulong)d.PagefileOffset) : null,
        d.Kind is PteKind.PrototypePointer or PteKind.Subsection ? Hex.Of(d.Pointer) : null,
        d.Problem, TraceRenderer.Describe(d, where, settings));

    private static VtopResultJson Result(Resolution r) => new(
        JsonNamingCase(r.State.ToString()), r.Readable, r.Available, r.ViaPrototype, r.Protection >= 0 ? r.Protection : null, r.Protection >= 0 ? MmProtection.Name(r.Protection) : null,
        r.PageSize, LocationJson.Of(r.Location), r.Reason, TraceRenderer.Summary(r));

    /// <summary>An enum member as the JSON names fields: camelCase.</summary>
    private static string JsonNamingCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
