using System.Text;

namespace MemFs.Translate.Paging;

/// <summary>
/// Renders a translation as text in the order Rekall's <c>vtop</c> prints it: each entry with where it was read
/// and its value, the decoded PTE with its fields, the decisions taken, and the final location or why none.
/// </summary>
public static class TraceRenderer
{
    public static string Render(ulong va, IReadOnlyList<TraceStep> steps, Resolution result, PagingSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine($"Virtual 0x{va:X16}");
        text.AppendLine($"  PTE layout: {settings.Layout.Name} ({settings.LayoutSource})");
        if (settings.Layout.HasSwizzleBit) text.AppendLine($"  InvalidPteMask: 0x{settings.InvalidPteMask:X} ({settings.InvalidPteMaskSource})");
        RenderSteps(text, steps, settings, "");
        text.AppendLine();
        text.AppendLine(Summary(result));
        return text.ToString();
    }

    private static void RenderSteps(StringBuilder text, IReadOnlyList<TraceStep> steps, PagingSettings settings, string indent)
    {
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case TraceStepKind.Note:
                    text.AppendLine($"{indent}  {step.Text}");
                    break;
                case TraceStepKind.Dtb or TraceStepKind.VadLookup or TraceStepKind.Subsection:
                    text.AppendLine($"{indent}{step.Text}");
                    break;
                case TraceStepKind.CompressedStore:
                    text.AppendLine($"{indent}  store: {step.Text}");
                    if (step.Nested is { } nested) RenderSteps(text, nested, settings, indent + "    | ");
                    break;
                default:
                    var where = step.Kind == TraceStepKind.PrototypePte ? step.Text : $"{step.Text}@ {step.Location}";
                    text.AppendLine($"{indent}{where} = 0x{step.Raw:X16}");
                    if (step.Decoded is { } d) text.AppendLine($"{indent}    {Describe(d, step.Kind, settings)}");
                    break;
            }
        }
    }

    public static string Summary(Resolution r) => r.State switch
    {
        PageState.DemandZero => "Demand Zero" + (r.ViaPrototype ? " (P)" : ""),
        PageState.Unresolvable => $"Unresolvable: {r.Reason}",
        PageState.Reserved => $"Reserved: {r.Reason}",
        PageState.Decommitted => $"Decommitted: {r.Reason}",
        PageState.Free => $"Free: {r.Reason}",
        PageState.FileBackedMarker => $"File-backed PTE: {r.Reason}",
        _ when !r.Available => $"{Name(r.State)} {r.Location} — not available: {r.Reason}",
        _ => $"{Name(r.State)} {r.Location}" + (r.PageSize > 4096 ? $" ({r.PageSize / 1024 / 1024} MiB page)" : "") + (r.ViaPrototype ? " (P)" : ""),
    };

    public static string Name(PageState state) => state switch
    {
        PageState.Valid => "Valid",
        PageState.Transition => "Transition",
        PageState.Pagefile => "Pagefile",
        PageState.Compressed => "Compressed",
        PageState.FileMapping => "File Mapping",
        PageState.DemandZero => "Demand Zero",
        PageState.Reserved => "Reserved",
        PageState.Decommitted => "Decommitted",
        PageState.Free => "Free",
        PageState.FileBackedMarker => "File-backed PTE",
        _ => "Unresolvable",
    };

    /// <summary>The decoded entry with the fields that decided it, in bit order.</summary>
    public static string Describe(DecodedPte d, TraceStepKind where, PagingSettings settings)
    {
        var layout = settings.Layout;
        var swizzle = d.Unswizzled ? $" [InvalidPteMask removed: 0x{d.Value:X}]" : "";
        var protection = $"Protection(5-9)={d.Protection} {MmProtection.Name(d.Protection)}";
        var pageFileLow = $"PageFileLow({layout.PageFileLowShift}-{layout.PageFileLowShift + 3})";
        return d.Kind switch
        {
            PteKind.Valid => $"_MMPTE_HARDWARE: Valid=1 PageFrameNumber=0x{d.FrameAddress >> 12:X} Write={(d.Raw >> 1) & 1} Owner(U/S)={(d.Raw >> 2) & 1} " +
                             $"LargePage={(where is TraceStepKind.Pde or TraceStepKind.Pdpte ? (d.Raw >> 7) & 1 : 0)} NoExecute={d.Raw >> 63}",
            PteKind.Transition => $"_MMPTE_TRANSITION: Transition(11)=1 PageFrameNumber=0x{d.FrameAddress >> 12:X} {protection}{swizzle}",
            PteKind.PrototypePointer => $"_MMPTE_PROTOTYPE: Prototype(10)=1 ProtoAddress(16-63)=0x{d.Pointer:X} " +
                                        $"Protection({layout.PrototypeProtectionShift}-{layout.PrototypeProtectionShift + 4})={d.Protection} {MmProtection.Name(d.Protection)}{swizzle}",
            PteKind.VadMarker => $"_MMPTE_PROTOTYPE: Prototype(10)=1 ProtoAddress=0xFFFFFFFF0000 (consult the VAD) {protection}{swizzle}",
            PteKind.Zero => "zero entry",
            PteKind.DemandZero => $"_MMPTE_SOFTWARE: {pageFileLow}=0 PageFileHigh(32-63)=0 {protection} → demand zero{swizzle}",
            PteKind.Pagefile => $"_MMPTE_SOFTWARE: {pageFileLow}={d.PagefileNumber} PageFileHigh(32-63)=0x{d.PagefileOffset >> 12:X} {protection}{swizzle}",
            PteKind.VirtualStore => $"_MMPTE_SOFTWARE: {pageFileLow}={d.PagefileNumber} (virtual store) PageFileHigh=0x{d.PagefileOffset >> 12:X} key 0x{d.StoreKey:X8}{swizzle}",
            PteKind.Subsection => $"_MMPTE_SUBSECTION: Prototype(10)=1 SubsectionAddress(16-63)=0x{d.Pointer:X} {protection}{swizzle}",
            PteKind.FileBackedMarker => $"file-backed PTE (Windows 11 22H2+): raw 0x{d.Raw:X16} & 0xFFFF80000000000F = 0xFFFF800000000000, encoding undocumented",
            _ => $"{d.Kind}: {d.Problem}{swizzle}",
        };
    }
}
