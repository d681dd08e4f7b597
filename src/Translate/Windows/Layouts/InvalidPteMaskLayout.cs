using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// Where nt!MiState.Hardware.InvalidPteMask lives: the MiState RVA plus the _MI_SYSTEM_INFORMATION.Hardware and
/// _MI_HARDWARE_STATE.InvalidPteMask offsets. These exist only on Windows 10 and later kernels (the Windows 7
/// profile has none), so <see cref="From"/> gives null when any is absent and the translator keeps the build's mask.
/// </summary>
internal sealed record InvalidPteMaskLayout(ulong MiState, int Hardware, int InvalidPteMask)
{
    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    /// <summary>The mask's RVA from the kernel base.</summary>
    public ulong Rva => MiState + (ulong)Hardware + (ulong)InvalidPteMask;

    public static InvalidPteMaskLayout? From(KernelProfile profile)
    {
        if (!profile.Rvas.TryGetValue("MiState", out var miState)) return null;
        var f = new FieldResolver(profile, "_MI_HARDWARE_STATE");
        if (f.OptionalOffset("_MI_SYSTEM_INFORMATION.Hardware") is not { } hardware || f.OptionalOffset("_MI_HARDWARE_STATE.InvalidPteMask") is not { } mask)
            return null;
        f.ThrowIfMissing();
        f.Record("MiState", $"RVA 0x{miState.Value:X}", miState.Source);
        return new InvalidPteMaskLayout(miState.Value, hardware, mask) { Provenance = f.Provenance };
    }
}
