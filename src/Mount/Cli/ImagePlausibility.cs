using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// Whether a file taken as a raw image can be physical memory at all: any file opens as raw, so a text file or a
/// pagefile given in the image's place would otherwise mount as an empty tree without a word.
/// </summary>
internal static class ImagePlausibility
{
    /// <summary>No machine that runs x64 Windows has less physical memory; a raw image smaller than this is something else.</summary>
    public const long MinimumRawBytes = 1 << 20;

    /// <summary>Why <paramref name="session"/>'s image cannot be memory, or null when it can (or is no raw image).</summary>
    public static string? Problem(EvidenceSession session)
    {
        var image = session.Image;
        if (!image.IsRaw) return null;
        if (image.BackedBytes < MinimumRawBytes)
            return $"{image.Path} is {image.BackedBytes:N0} bytes, too small for a raw memory image (at least 1 MiB)";
        var discovery = session.Discovery;
        if (discovery.Dtb is null && discovery.Identity is null)
            return $"{image.Path}: neither a DTB nor a Windows kernel found in this raw image ({string.Join("; ", discovery.Warnings.DefaultIfEmpty("no candidate validated"))})";
        return null;
    }
}
