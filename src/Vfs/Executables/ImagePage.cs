using MemFs.Translate.Paging;

namespace MemFs.Vfs.Executables;

/// <summary>One page of a mapped image: its origin, the translator's page state, and why it is zero-filled when it is.</summary>
public readonly record struct ImagePage(PageOrigin Origin, PageState State, string? Reason)
{
    public static ImagePage From(Resolution resolution)
    {
        if (!resolution.Readable) return new ImagePage(PageOrigin.ZeroFilled, resolution.State, resolution.Reason ?? "unresolvable");
        return resolution.State switch
        {
            PageState.DemandZero => new ImagePage(PageOrigin.DemandZero, resolution.State, null),
            PageState.FileMapping => new ImagePage(PageOrigin.Disk, resolution.State, null),
            _ => new ImagePage(PageOrigin.Memory, resolution.State, null),
        };
    }

    /// <summary>For reports: the page state ("Valid", "Pagefile", "File Mapping", "Demand Zero"), and for a zero-filled page why.</summary>
    public string Describe() => Origin == PageOrigin.ZeroFilled ? $"{TraceRenderer.Name(State)}, {Reason}" : TraceRenderer.Name(State);
}
