using MemFs.Translate.Extended;

namespace MemFs.Mount.Cli.Json;

/// <summary>
/// A place in the extended physical space (<c>memfs vtop --json</c>): kind (physical, pagefile, file, compressed), offset
/// as hex, the pagefile number or the file's path when it has one, and the text form vtop prints.
/// </summary>
internal sealed record LocationJson(string Kind, string Offset, int? Pagefile, string? File, string Text)
{
    public static LocationJson? Of(ExtendedLocation? location) => location is { } l
        ? new LocationJson(l.Kind.ToString().ToLowerInvariant(), Hex.Of((ulong)l.Offset), l.Kind == BackingKind.Pagefile ? l.PagefileNumber : null,
            l.FilePath, l.ToString())
        : null;
}
