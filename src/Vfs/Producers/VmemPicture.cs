using System.Buffers;
using MemFs.Translate.Files;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Vads;
using MemFs.Vfs.Pictures;

namespace MemFs.Vfs.Producers;

/// <summary>
/// vmem.png: one band per VAD with its pages' states (<see cref="AddressSpacePicture"/>). A bar pixel that stands for
/// up to <see cref="ExactPages"/> pages shows the most informative state of all of them; a larger one (multi-GiB
/// reservations) samples <see cref="Samples"/> pages spread evenly over it, so the picture costs the same for any size.
/// </summary>
internal static class VmemPicture
{
    public const int ExactPages = 512;
    public const int Samples = 64;

    public static byte[] Render(ProcessView view) =>
        PngEncoder.Encode(AddressSpacePicture.Render(view.DataVads.Select(v => new AddressRegion(v.Start, v.End + 1, Label(v), (first, count) =>
            KindOf(view.Memory, v.Start + first * AddressRegion.PageSize, count))).ToList()));

    /// <summary>A band's label: the VAD kind, and the file it maps.</summary>
    internal static string Label(Translate.Windows.VadDescriptor vad) =>
        vad.FileName is { } file ? $"{VadKinds.NameOf(vad)} {WindowsPath.FileName(file)}" : VadKinds.NameOf(vad);

    private static PageKind KindOf(VirtualMemory memory, ulong first, ulong count)
    {
        var resolutions = ArrayPool<Resolution>.Shared.Rent(ExactPages);
        try
        {
            var kind = PageKind.Reserved;
            var sampled = count > ExactPages;
            var n = sampled ? Samples : (int)count;
            if (!sampled)
            {
                memory.Translator.TranslatePages(memory.Dtb, first, resolutions.AsSpan(0, n), memory.Vads);
                for (var i = 0; i < n; i++) kind = PageKindPriority.MostInformative(kind, Kind(resolutions[i]));
                return kind;
            }
            for (var i = 0; i < n; i++)
            {
                memory.Translator.TranslatePages(memory.Dtb, first + (ulong)i * (count / Samples) * AddressRegion.PageSize, resolutions.AsSpan(0, 1), memory.Vads);
                kind = PageKindPriority.MostInformative(kind, Kind(resolutions[0]));
            }
            return kind;
        }
        finally
        {
            ArrayPool<Resolution>.Shared.Return(resolutions);
        }
    }

    /// <summary>A page that cannot be read (its pagefile or file not supplied) shows as unresolvable, whatever its state.</summary>
    private static PageKind Kind(Resolution page) => page.State == PageState.FileBackedMarker ? PageKind.FileBackedMarker
        : !page.Readable && !page.HasNoContent ? PageKind.Unresolvable : page.State switch
    {
        PageState.Valid => PageKind.Valid,
        PageState.Transition => PageKind.Transition,
        PageState.Pagefile => PageKind.Pagefile,
        PageState.Compressed => PageKind.Compressed,
        PageState.FileMapping => PageKind.FileBacked,
        PageState.DemandZero => PageKind.DemandZero,
        PageState.Reserved or PageState.Decommitted or PageState.Free => PageKind.Reserved,
        _ => PageKind.Unresolvable,
    };
}
