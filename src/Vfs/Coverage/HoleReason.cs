using System.Text.RegularExpressions;
using MemFs.Translate.Paging;

namespace MemFs.Vfs.Coverage;

/// <summary>Why a page has no bytes to read, worded so that pages failing for the same reason count together.</summary>
internal static partial class HoleReason
{
    public static string Of(in Resolution page) => page.State switch
    {
        PageState.Reserved => "reserved, never committed (no memory exists)",
        PageState.Decommitted => "decommitted (MM_DECOMMIT: no memory exists)",
        PageState.Free => "outside every VAD (never reserved)",
        PageState.Unresolvable => Generalise(page.Reason ?? "unresolvable"),
        PageState.FileBackedMarker => "Windows 11 22H2+ file-backed PTE (encoding undocumented)",
        var state => $"{TraceRenderer.Name(state)}: {Generalise(page.Reason ?? "not available")}",
    };

    /// <summary>Addresses and offsets differ page by page; the reason is the same.</summary>
    private static string Generalise(string reason) => Hex().Replace(reason, "0x…");

    [GeneratedRegex("0x[0-9A-Fa-f]+")]
    private static partial Regex Hex();
}
