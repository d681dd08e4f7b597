using System.Runtime.CompilerServices;
using System.Buffers;
using System.Runtime.ExceptionServices;
using MemFs.Translate.Extended;
using MemFs.Translate.Windows;

namespace MemFs.Translate.Paging;

/// <summary>
/// A virtual address space (a process's, or the kernel's) read through the translator. Demand-zero pages read
/// as zeros (that is their content); a page that cannot be read is a hole (zeros, the way a sparse file's holes
/// read) or fails the read with the reason, as <see cref="HolePolicy"/> says.
/// </summary>
public sealed class VirtualMemory(WindowsTranslator translator, ulong dtb, IVadSource? vads, HolePolicy holes = HolePolicy.None)
{
    private const int MaxPagesPerBatch = 512;

    public WindowsTranslator Translator => translator;
    public ulong Dtb => dtb;
    public IVadSource? Vads => vads;
    public HolePolicy Holes => holes;

    /// <summary>The same address space read under another hole policy.</summary>
    public VirtualMemory WithHoles(HolePolicy policy) => policy == holes ? this : new VirtualMemory(translator, dtb, vads, policy);

    /// <summary>Whether the page reads as zeros that are not its content (a hole) under this memory's policy.</summary>
    public bool IsHole(in Resolution page) => !page.Readable && holes switch
    {
        HolePolicy.Holes => true,
        HolePolicy.Strict => page.HasNoContent,
        _ => false,
    };

    public Resolution Translate(ulong va, ITraceSink trace) => translator.Translate(dtb, va, vads, trace);

    public void Read(ulong va, Span<byte> destination)
    {
        var resolutions = ArrayPool<Resolution>.Shared.Rent(MaxPagesPerBatch);
        try
        {
            var done = 0;
            while (done < destination.Length)
            {
                var at = va + (ulong)done;
                var pages = (int)Math.Min(MaxPagesPerBatch, ((at & 0xFFF) + (ulong)(destination.Length - done) + 0xFFF) >> 12);
                translator.TranslatePages(dtb, at, resolutions.AsSpan(0, pages), vads);
                done += ReadPages(at, resolutions.AsSpan(0, pages), destination[done..]);
            }
        }
        finally
        {
            ArrayPool<Resolution>.Shared.Return(resolutions);
        }
    }

    /// <summary>
    /// Reads with pages already translated (by <see cref="WindowsTranslator.TranslatePages"/>): <paramref name="pages"/>[0]
    /// is the page holding <paramref name="va"/>, one entry per page the read touches.
    /// </summary>
    public void Read(ulong va, ReadOnlySpan<Resolution> pages, Span<byte> destination)
    {
        if (ReadPages(va, pages, destination) != destination.Length)
            throw new ArgumentException($"{pages.Length} translated pages do not cover 0x{destination.Length:X} bytes at 0x{va:X}", nameof(pages));
    }

    /// <summary>
    /// Copies the translated pages: the located pages of the request are read in one <see cref="WindowsTranslator.ReadScattered"/>
    /// (which merges neighbouring frames), then the first page that failed is raised, as reading page by page would have.
    /// Reading stops at the first page that is neither readable nor a hole.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadPages(ulong va, ReadOnlySpan<Resolution> pages, Span<byte> destination)
    {
        var requests = ArrayPool<ExtendedRequest>.Shared.Rent(pages.Length);
        var count = 0;
        UnresolvableMemoryException? unresolvable = null;
        var done = 0;
        var p = 0;
        try
        {
            while (p < pages.Length && done < destination.Length)
            {
                var pageVa = va + (ulong)done;
                var n = (int)Math.Min(destination.Length - done, 4096 - (long)(pageVa & 0xFFF));
                ref readonly var r = ref pages[p];
                if (!r.Readable)
                {
                    if (!IsHole(r))
                    {
                        unresolvable = new UnresolvableMemoryException(pageVa, r);
                        break;
                    }
                    destination.Slice(done, n).Clear();
                }
                else if (r.State == PageState.DemandZero)
                {
                    destination.Slice(done, n).Clear();
                }
                else if (r.DataBytes < 4096)
                {
                    // The last page of an image subsection's file data: the file supplies its first DataBytes bytes.
                    var inPage = (int)(pageVa & 0xFFF);
                    var fromFile = Math.Clamp(r.DataBytes - inPage, 0, n);
                    if (fromFile > 0) count = Append(requests, count, new ExtendedRequest(r.Location!.Value.Plus(inPage), fromFile, done));
                    destination.Slice(done + fromFile, n - fromFile).Clear();
                }
                else
                {
                    // Pages are translated at their start; the read may begin inside the first one.
                    count = Append(requests, count, new ExtendedRequest(r.Location!.Value.Plus((long)(pageVa & 0xFFF)), n, done));
                }
                done += n;
                p++;
            }
            if (count > 0)
            {
                var failures = new Exception?[count];
                translator.ReadScattered(requests.AsSpan(0, count), destination, failures);
                if (Array.FindIndex(failures, f => f is not null) is var failed and >= 0)
                    ExceptionDispatchInfo.Throw(FirstFailingPage(va, requests[failed], destination) ?? failures[failed]!);
            }
        }
        finally
        {
            ArrayPool<ExtendedRequest>.Shared.Return(requests, clearArray: true);
        }
        if (unresolvable is not null) throw unresolvable;
        return done;
    }

    /// <summary>
    /// The error of the first page of a joined request that cannot be read, read again page by page, so a read fails
    /// with the same message as reading it page by page would (the bad page's, not the joined run's).
    /// </summary>
    private Exception? FirstFailingPage(ulong va, ExtendedRequest request, Span<byte> destination)
    {
        var failure = new Exception?[1];
        for (var at = 0; at < request.Length;)
        {
            var n = (int)Math.Min(request.Length - at, 4096 - (long)((va + (ulong)(request.Destination + at)) & 0xFFF));
            translator.ReadScattered([new ExtendedRequest(request.Location.Plus(at), n, request.Destination + at)], destination, failure);
            if (failure[0] is { } e) return e;
            at += n;
        }
        return null;
    }

    /// <summary>
    /// Adds <paramref name="next"/>, or extends the last request when it continues it in both the source and the
    /// destination (frames in physical order, as most of a process's are), so a run of such pages is one request.
    /// Compressed-store locations are page keys, not byte offsets, and are never joined.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Append(ExtendedRequest[] requests, int count, in ExtendedRequest next)
    {
        if (count > 0)
        {
            ref var last = ref requests[count - 1];
            if (Continues(last, next))
            {
                last = last with { Length = last.Length + next.Length };
                return count;
            }
        }
        requests[count] = next;
        return count + 1;
    }

    /// <summary>Whether <paramref name="next"/> starts where <paramref name="last"/> ends, in the same backing and in the destination.</summary>
    private static bool Continues(in ExtendedRequest last, in ExtendedRequest next) =>
        last.Destination + last.Length == next.Destination && last.Location.Kind != BackingKind.Compressed &&
        last.Location.Plus(last.Length) == next.Location;
}

/// <summary>A virtual address whose page cannot be produced; the message gives the resolution's reason.</summary>
internal sealed class UnresolvableMemoryException(ulong va, Resolution resolution)
    : IOException($"virtual address 0x{va:X} cannot be read: {resolution.Reason ?? resolution.State.ToString()}" +
        (resolution.Location is { } l ? $" ({resolution.State} {l})" : ""))
{
    public ulong VirtualAddress { get; } = va;
    public Resolution Resolution { get; } = resolution;
}
