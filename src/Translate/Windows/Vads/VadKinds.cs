namespace MemFs.Translate.Windows.Vads;

/// <summary>
/// The one vocabulary of VAD kinds: <see cref="VadDescriptor.Kind"/> carries the pool tag and the _MMVAD_FLAGS.VadType
/// name (e.g. "Vad VadImageMap"), and every report (vads.txt, vadmap.txt, region names, vmem.png, the vads command)
/// shows the kind named here instead.
/// </summary>
public static class VadKinds
{
    /// <summary>_MMVAD_FLAGS.VadType values 0-7 (_MI_VAD_TYPE, Windows 7 to 11).</summary>
    public static readonly IReadOnlyList<string> VadTypeNames =
        ["VadNone", "VadDevicePhysicalMemory", "VadImageMap", "VadAwe", "VadWriteWatch", "VadLargePages", "VadRotatePhysical", "VadLargePageSection"];

    public static VadKind Of(VadDescriptor vad) => Split(vad.Kind).VadType switch
    {
        "VadNone" or "" => vad.IsPrivate ? VadKind.Private : vad.FileName is null ? VadKind.Shared : VadKind.MappedFile,
        "VadDevicePhysicalMemory" => VadKind.DevicePhysical,
        "VadImageMap" => VadKind.Image,
        "VadAwe" => VadKind.Awe,
        "VadWriteWatch" => VadKind.WriteWatch,
        "VadLargePages" => VadKind.LargePages,
        "VadRotatePhysical" => VadKind.RotatePhysical,
        "VadLargePageSection" => VadKind.LargePageSection,
        _ => VadKind.Unknown,
    };

    /// <summary>The kind's name in reports and file names: lower case, no spaces.</summary>
    public static string Name(VadKind kind) => kind switch
    {
        VadKind.Private => "private",
        VadKind.Image => "image",
        VadKind.MappedFile => "mapped-file",
        VadKind.Shared => "shared",
        VadKind.DevicePhysical => "device-physical",
        VadKind.Awe => "awe",
        VadKind.WriteWatch => "write-watch",
        VadKind.LargePages => "large-pages",
        VadKind.RotatePhysical => "rotate-physical",
        VadKind.LargePageSection => "large-page-section",
        _ => "unknown",
    };

    public static string NameOf(VadDescriptor vad) => Name(Of(vad));

    /// <summary>The pool tag before the VAD ("VadS", "VadF" short VADs; "Vad ", "Vadm", "Vadl" long ones), or "" if unreadable.</summary>
    public static string PoolTag(VadDescriptor vad) => Split(vad.Kind).Tag;

    /// <summary>Splits "tag VadTypeName" (or "tag VadType 9") as VadTreeReader writes it; a bare tag counts as VadNone.</summary>
    private static (string Tag, string VadType) Split(string kind)
    {
        var unknown = kind.IndexOf("VadType ", StringComparison.Ordinal);
        if (unknown >= 0) return (kind[..unknown].Trim(), "?");
        var space = kind.LastIndexOf(' ');
        var last = kind[(space + 1)..];
        return VadTypeNames.Contains(last) ? (space < 0 ? "" : kind[..space].Trim(), last) : (kind.Trim(), "");
    }
}
