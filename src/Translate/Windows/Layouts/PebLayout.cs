using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The user-mode process structures MemFs reads through a process's PEB: _PEB, _PEB_LDR_DATA and
/// _RTL_USER_PROCESS_PARAMETERS. All members exist on every x64 build from Windows 7 on, so all are required.
/// </summary>
internal sealed record PebLayout(
    int ImageBaseAddress,
    int Ldr,
    int ProcessParameters,
    int InLoadOrderModuleList,
    int ImagePathName,
    int CommandLine)
{
    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    public static PebLayout From(KernelProfile profile)
    {
        var f = new FieldResolver(profile, "_PEB");
        var layout = new PebLayout(
            f.Offset("_PEB.ImageBaseAddress"),
            f.Offset("_PEB.Ldr"),
            f.Offset("_PEB.ProcessParameters"),
            f.Offset("_PEB_LDR_DATA.InLoadOrderModuleList"),
            f.Offset("_RTL_USER_PROCESS_PARAMETERS.ImagePathName"),
            f.Offset("_RTL_USER_PROCESS_PARAMETERS.CommandLine"));
        f.ThrowIfMissing();
        return layout with { Provenance = f.Provenance };
    }
}
