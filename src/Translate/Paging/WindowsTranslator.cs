using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using MemFs.Aff4.Caching;
using MemFs.Translate.Extended;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.MemoryCompression;
using MemFs.Translate.Windows.Vads;

namespace MemFs.Translate.Paging;

/// <summary>
/// Translates x64 Windows virtual addresses to the extended physical space: the 4-level walk with large
/// pages, paged-out and transition page tables at every level, and the software PTE states — transition,
/// prototype (through the VAD when the PTE says so or is zero), subsection (mapped files), pagefile, compressed
/// store (when the Windows layer attached one), demand zero — with a trace of every step produced by the same code that serves reads (Rekall's vtop descriptor design).
/// Thread-safe: page-table pages are cached in a shared <see cref="ChunkCache"/>.
/// </summary>
public sealed class WindowsTranslator : IKernelReader
{
    /// <summary>Nested kernel lookups (prototype PTEs, section objects, paged pool) stop here (MemProcFS uses 4).</summary>
    public const int MaxDepth = 4;

    private const ulong Frame52 = SoftwarePteLayout.Frame52;
    private static readonly string[] LevelNames = ["pte", "pde", "pdpte", "pml4e"];
    private static readonly TraceStepKind[] LevelKinds = [TraceStepKind.Pte, TraceStepKind.Pde, TraceStepKind.Pdpte, TraceStepKind.Pml4e];

    private readonly IExtendedSpace _space;
    private readonly PteDecoder _decoder;
    private readonly ISectionObjects? _sections;
    private readonly ChunkCache _tables;
    private readonly object _tableOwner = new();
    private readonly object _compressedTableOwner = new();
    private StoreAttachment? _store;

    public WindowsTranslator(IExtendedSpace space, PagingSettings settings, ulong kernelDtb, ISectionObjects? sections, ChunkCache? tableCache = null)
    {
        _space = space;
        _decoder = new PteDecoder(settings);
        _sections = sections;
        KernelDtb = kernelDtb;
        _tables = tableCache ?? new ChunkCache(64L << 20);
    }

    public ulong KernelDtb { get; }
    public PagingSettings Settings => _decoder.Settings;
    public PteDecoder Decoder => _decoder;
    public IExtendedSpace Space => _space;

    /// <summary>Resolves virtual-store PTEs through <paramref name="store"/> (the Windows layer's, attached once it knows the processes).</summary>
    internal void AttachStore(StoreAttachment store) => _store = store;

    /// <summary>
    /// Reads bytes a translation located: compressed-store pages from the attached store (decompressed once, then
    /// cached), everything else from the extended space.
    /// </summary>
    public void Read(ExtendedLocation location, Span<byte> destination)
    {
        if (location.Kind != BackingKind.Compressed)
        {
            _space.Read(location, destination);
            return;
        }
        var done = 0;
        while (done < destination.Length)
        {
            var at = location.Plus(done);
            var inPage = (int)(at.Offset & 0xFFF);
            var n = Math.Min(destination.Length - done, 4096 - inPage);
            var page = LoadCompressed(at.StoreKey, NoTrace.Instance, 0, out var problem) ?? throw new IOException(problem);
            page.AsSpan(inPage, n).CopyTo(destination.Slice(done, n));
            done += n;
        }
    }

    /// <summary>
    /// Reads the located parts of one request together (<see cref="IExtendedSpace.ReadScattered"/>): compressed-store
    /// pages from the store one by one, the rest from the extended space. <paramref name="failures"/>[i] is what
    /// <see cref="Read"/> would have thrown for part i.
    /// </summary>
    public void ReadScattered(ReadOnlySpan<ExtendedRequest> requests, Span<byte> destination, Span<Exception?> failures)
    {
        var compressed = 0;
        foreach (var r in requests) compressed += r.Location.Kind == BackingKind.Compressed ? 1 : 0;
        if (compressed == 0)
        {
            _space.ReadScattered(requests, destination, failures);
            return;
        }
        var others = new ExtendedRequest[requests.Length - compressed];
        var positions = new int[others.Length];
        var k = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            var r = requests[i];
            if (r.Location.Kind != BackingKind.Compressed)
            {
                (others[k], positions[k]) = (r, i);
                k++;
                continue;
            }
            try
            {
                Read(r.Location, destination.Slice(r.Destination, r.Length));
                failures[i] = null;
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        }
        var otherFailures = new Exception?[others.Length];
        _space.ReadScattered(others, destination, otherFailures);
        for (k = 0; k < others.Length; k++) failures[positions[k]] = otherFailures[k];
    }

    /// <summary>Translates one address. Pass a <see cref="TraceRecorder"/> to get the steps, <see cref="NoTrace"/> to read.</summary>
    public Resolution Translate(ulong dtb, ulong va, IVadSource? vads, ITraceSink trace) => Translate(dtb, va, vads, trace, 0);

    /// <summary>
    /// Translates consecutive pages from <paramref name="firstPage"/>: the upper levels are walked once per
    /// page table and each page-table page is read once, then every entry goes through the same
    /// <see cref="ResolveLeaf"/> as <see cref="Translate(ulong, ulong, IVadSource?, ITraceSink)"/>. Pages under a
    /// non-present upper level take the full walk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void TranslatePages(ulong dtb, ulong firstPage, Span<Resolution> results, IVadSource? vads)
    {
        firstPage &= ~0xFFFUL;
        var i = 0;
        while (i < results.Length)
        {
            var va = firstPage + (ulong)i * 4096;
            if (!IsCanonical(va) || !TryLocateLeafTable(dtb, va, out var table, out var largePage, out var largeLevel))
            {
                if (IsCanonical(va) && NoTableBelow(dtb, va) is { } span)
                {
                    // Every page under a zero or demand-zero upper entry is "whatever its VAD says" (as in Translate): one walk for all.
                    for (; i < results.Length && (firstPage + (ulong)i * 4096) / span == va / span; i++)
                        results[i] = ResolveLeaf(new DecodedPte(PteKind.Zero, 0, 0, false, 0), firstPage + (ulong)i * 4096, vads, NoTrace.Instance, 0, prototype: false);
                    continue;
                }
                results[i] = Translate(dtb, va, vads, NoTrace.Instance, 0);
                i++;
                continue;
            }
            if (largePage != 0)
            {
                var size = largeLevel == 2 ? 1UL << 30 : 1UL << 21;
                for (; i < results.Length && (firstPage + (ulong)i * 4096) / size == va / size; i++)
                    results[i] = LargePage(largePage, firstPage + (ulong)i * 4096, largeLevel, NoTrace.Instance);
                continue;
            }
            var index = (int)((va >> 12) & 0x1FF);
            if (!TryReadTable(table, out var entries, out var why))
            {
                for (; index < 512 && i < results.Length; index++, i++) results[i] = Resolution.Unresolvable($"the PTE table at {table} cannot be read: {why}");
                continue;
            }
            for (; index < 512 && i < results.Length; index++, i++)
            {
                var raw = BinaryPrimitives.ReadUInt64LittleEndian(entries.AsSpan(index * 8));
                results[i] = ResolveLeaf(_decoder.DecodeLeaf(raw), firstPage + (ulong)i * 4096, vads, NoTrace.Instance, 0, prototype: false);
            }
        }
    }

    /// <summary>
    /// The bytes an upper-level entry spans when the walk for <paramref name="va"/> stops at a zero or demand-zero one
    /// (no lower table exists yet); null when it stops otherwise (unreadable, transition, paged out, invalid).
    /// </summary>
    private ulong? NoTableBelow(ulong dtb, ulong va)
    {
        var table = ExtendedLocation.Physical((long)(dtb & Frame52));
        for (var level = 3; level >= 1; level--)
        {
            if (!TryReadEntry(table, (int)((va >> (12 + 9 * level)) & 0x1FF), out var raw, out _)) return null;
            if ((raw & 1) == 0)
                return _decoder.DecodeUpperLevel(raw).Kind is PteKind.Zero or PteKind.DemandZero ? 1UL << (12 + 9 * level) : null;
            if (level is 1 or 2 && (raw & 0x80) != 0) return null;
            table = ExtendedLocation.Physical((long)(raw & Frame52));
        }
        return null;
    }

    /// <summary>Walks PML4E → PDPTE → PDE while they are present; gives the PTE table, or the large-page entry.</summary>
    private bool TryLocateLeafTable(ulong dtb, ulong va, out ExtendedLocation table, out ulong largePage, out int largeLevel)
    {
        table = ExtendedLocation.Physical((long)(dtb & Frame52));
        largePage = 0;
        largeLevel = 0;
        for (var level = 3; level >= 1; level--)
        {
            if (!TryReadEntry(table, (int)((va >> (12 + 9 * level)) & 0x1FF), out var raw, out _) || (raw & 1) == 0) return false;
            if (level is 1 or 2 && (raw & 0x80) != 0)
            {
                largePage = raw;
                largeLevel = level;
                return true;
            }
            table = ExtendedLocation.Physical((long)(raw & Frame52));
        }
        return true;
    }

    private Resolution Translate(ulong dtb, ulong va, IVadSource? vads, ITraceSink trace, int depth)
    {
        if (!IsCanonical(va)) return Fail(trace, "non-canonical address: bits 63..48 must all equal bit 47");
        var table = ExtendedLocation.Physical((long)(dtb & Frame52));
        if (trace.Enabled) trace.Add(new TraceStep(TraceStepKind.Dtb, $"DTB 0x{dtb:X}: PML4 at physical 0x{dtb & Frame52:X}", table, dtb, VirtualAddress: va));
        for (var level = 3; level >= 0; level--)
        {
            var index = (int)((va >> (12 + 9 * level)) & 0x1FF);
            if (!TryReadEntry(table, index, out var raw, out var why))
                return Fail(trace, $"the {LevelNames[level].ToUpperInvariant()} table at {table} cannot be read: {why}");
            var entryAt = table.Plus(index * 8L);
            if (level == 0)
            {
                var leaf = _decoder.DecodeLeaf(raw);
                Step(trace, TraceStepKind.Pte, entryAt, leaf);
                return ResolveLeaf(leaf, va, vads, trace, depth, prototype: false);
            }
            if ((raw & 1) != 0)
            {
                var valid = _decoder.DecodeUpperLevel(raw);
                Step(trace, LevelKinds[level], entryAt, valid);
                // Bit 7 is PS only in a present PDPTE or PDE (in non-present entries it is part of Protection).
                if (level is 1 or 2 && (raw & 0x80) != 0) return LargePage(raw, va, level, trace);
                table = ExtendedLocation.Physical((long)(raw & Frame52));
                continue;
            }
            var entry = _decoder.DecodeUpperLevel(raw);
            Step(trace, LevelKinds[level], entryAt, entry);
            var next = LevelNames[level - 1].ToUpperInvariant() + " table";
            switch (entry.Kind)
            {
                case PteKind.Zero or PteKind.DemandZero:
                    Note(trace, $"no {next}: Windows builds it on first access, so the page is whatever its VAD says");
                    return ResolveLeaf(new DecodedPte(PteKind.Zero, 0, 0, false, 0), va, vads, trace, depth, prototype: false);
                case PteKind.Transition:
                    table = ExtendedLocation.Physical(entry.FrameAddress);
                    Note(trace, $"the {next} is in transition (standby/modified list) at physical 0x{entry.FrameAddress:X}");
                    continue;
                case PteKind.Pagefile:
                    table = ExtendedLocation.Pagefile(entry.PagefileNumber, entry.PagefileOffset);
                    Note(trace, $"the {next} is paged out: pagefile {entry.PagefileNumber} @ 0x{entry.PagefileOffset:X}");
                    continue;
                case PteKind.VirtualStore:
                    if (LoadCompressed(entry.StoreKey, trace, depth, out var problem) is null) return Fail(trace, $"the {next} cannot be read: {problem}");
                    table = ExtendedLocation.Compressed(entry.StoreKey, 0);
                    Note(trace, $"the {next} is in the compressed store: page key 0x{entry.StoreKey:X8}");
                    continue;
                default:
                    return Fail(trace, $"invalid {LevelNames[level].ToUpperInvariant()}: {entry.Problem ?? entry.Kind.ToString()}");
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    private Resolution LargePage(ulong raw, ulong va, int level, ITraceSink trace)
    {
        // The PAT bit (12) of a large entry is not part of its frame.
        var (size, frameMask, name) = level == 2
            ? (1L << 30, 0x000F_FFFF_C000_0000UL, "1 GiB")
            : (1L << 21, 0x000F_FFFF_FFE0_0000UL, "2 MiB");
        var address = (long)((raw & frameMask) | (va & (ulong)(size - 1)));
        Note(trace, $"{name} page");
        return Located(trace, PageState.Valid, ExtendedLocation.Physical(address), prototype: false, protection: -1, pageSize: size);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Resolution ResolveLeaf(DecodedPte pte, ulong va, IVadSource? vads, ITraceSink trace, int depth, bool prototype)
    {
        var inPage = (long)(va & 0xFFF);
        switch (pte.Kind)
        {
            case PteKind.Valid:
                return Located(trace, PageState.Valid, ExtendedLocation.Physical(pte.FrameAddress + inPage), prototype, -1);
            case PteKind.Transition:
                return Located(trace, PageState.Transition, ExtendedLocation.Physical(pte.FrameAddress + inPage), prototype, pte.Protection);
            case PteKind.Zero:
                return ViaVad(va, vads, "the PTE is zero", null, trace, depth);
            case PteKind.VadMarker:
                return ViaVad(va, vads, "the PTE says the prototype PTE is found through the VAD", pte.Protection, trace, depth);
            case PteKind.PrototypePointer:
                return ResolvePrototype(pte.Pointer, va, pte.Protection, trace, depth);
            case PteKind.DemandZero when pte.Protection == MmProtection.Decommit:
                Note(trace, "no content: decommitted page (MM_DECOMMIT): Windows would fault, there are no bytes");
                return Resolution.Decommitted(prototype, pte.Protection);
            case PteKind.DemandZero:
                Note(trace, $"demand zero ({MmProtection.Name(pte.Protection)})");
                return Resolution.DemandZero(prototype, pte.Protection);
            case PteKind.Pagefile:
                return Located(trace, PageState.Pagefile, ExtendedLocation.Pagefile(pte.PagefileNumber, pte.PagefileOffset + inPage), prototype, pte.Protection);
            case PteKind.VirtualStore:
                return Compressed(pte.StoreKey, va, prototype, pte.Protection, trace, depth);
            case PteKind.FileBackedMarker:
                var marker = Resolution.FileBackedMarker(pte.Raw);
                Note(trace, "file-backed PTE (Windows 11 22H2+): " + marker.Reason);
                return marker;
            default:
                return Fail(trace, pte.Problem ?? $"invalid PTE 0x{pte.Raw:X}", prototype);
        }
    }

    private Resolution ViaVad(ulong va, IVadSource? vads, string why, int? protectionOverride, ITraceSink trace, int depth)
    {
        Note(trace, $"consulting the VAD: {why}");
        if (IsKernel(va)) return Fail(trace, "kernel address with no valid entry: not mapped (kernel space has no VADs)");
        if (vads is null) return Fail(trace, "the VADs are needed to resolve this page but are not available (they come with the process, --pid)");
        var vad = vads.FindVad(va);
        if (vad is null)
        {
            Note(trace, "no content: no VAD covers this address: it was never reserved");
            return Resolution.Free();
        }
        if (trace.Enabled)
            trace.Add(new TraceStep(TraceStepKind.VadLookup,
                $"VAD 0x{vad.Start:X}-0x{vad.End:X} {VadKinds.NameOf(vad)} {MmProtection.Name(vad.Protection)}" +
                (vad.MemCommit ? " committed" : "") + (vad.FileName is null ? "" : $" {vad.FileName}") +
                (vad.FirstPrototypePte != 0 ? $", FirstPrototypePte 0x{vad.FirstPrototypePte:X}" : ""), VirtualAddress: vad.Address));
        var protection = protectionOverride ?? vad.Protection;
        if (vad.FirstPrototypePte == 0)
        {
            if (!vad.MemCommit)
            {
                Note(trace, "reserved: private memory reserved but not committed; no memory exists at this address");
                return Resolution.Reserved(protection);
            }
            Note(trace, $"demand zero: committed private memory never touched ({MmProtection.Name(protection)})");
            return Resolution.DemandZero(false, protection);
        }
        var page = (va >> 12) - (vad.Start >> 12);
        var pointer = vad.FirstPrototypePte + page * 8;
        if (vad.LastContiguousPte != 0 && pointer > vad.LastContiguousPte)
        {
            // A data view over several subsections: their prototype arrays are separate allocations.
            if (_sections is null || vad.Subsection == 0)
                return Fail(trace, $"prototype PTE 0x{pointer:X} lies past the VAD's LastContiguousPte 0x{vad.LastContiguousPte:X} and the subsections cannot be followed", true, protection);
            if (_sections.PrototypeAcrossSubsections(vad.Subsection, vad.FirstPrototypePte, page, new DepthKernelReader(this, depth + 1), out var chainProblem) is not { } followed)
                return Fail(trace, $"page 0x{page:X} of the view lies past LastContiguousPte 0x{vad.LastContiguousPte:X}: {chainProblem}", true, protection);
            Note(trace, $"prototype PTE past LastContiguousPte: page 0x{page:X} of the view, counted through the subsection chain from 0x{vad.Subsection:X} = 0x{followed:X}");
            return ResolvePrototype(followed, va, protection, trace, depth);
        }
        Note(trace, $"prototype PTE from the VAD: FirstPrototypePte + 8 x 0x{page:X} = 0x{pointer:X}");
        return ResolvePrototype(pointer, va, protection, trace, depth);
    }

    private Resolution ResolvePrototype(ulong pointer, ulong va, int protection, ITraceSink trace, int depth)
    {
        if (depth >= MaxDepth) return Fail(trace, $"more than {MaxDepth} nested kernel lookups: stopped", true, protection);
        Span<byte> buffer = stackalloc byte[8];
        var kernelPage = Translate(KernelDtb, pointer, null, NoTrace.Instance, depth + 1);
        if (!TryReadResolved(kernelPage, buffer, out var why))
            return Fail(trace, $"prototype PTE at kernel address 0x{pointer:X} cannot be read: {why}", true, protection);
        var raw = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
        var content = _decoder.DecodePrototypeContent(raw);
        if (trace.Enabled)
            trace.Add(new TraceStep(TraceStepKind.PrototypePte, $"prototype PTE @ kernel 0x{pointer:X} ({Describe(kernelPage)})", kernelPage.Location, raw, content, pointer));
        var inPage = (long)(va & 0xFFF);
        switch (content.Kind)
        {
            case PteKind.Valid:
                return Located(trace, PageState.Valid, ExtendedLocation.Physical(content.FrameAddress + inPage), true, protection);
            case PteKind.Transition:
                return Located(trace, PageState.Transition, ExtendedLocation.Physical(content.FrameAddress + inPage), true, protection);
            case PteKind.Subsection:
                return ResolveSubsection(content, pointer, va, trace, depth);
            case PteKind.DemandZero:
                Note(trace, "demand zero (prototype PTE of a section never touched)");
                return Resolution.DemandZero(true, protection);
            case PteKind.Pagefile:
                return Located(trace, PageState.Pagefile, ExtendedLocation.Pagefile(content.PagefileNumber, content.PagefileOffset + inPage), true, content.Protection);
            case PteKind.VirtualStore:
                return Compressed(content.StoreKey, va, true, content.Protection, trace, depth);
            default:
                return Fail(trace, content.Problem ?? $"invalid prototype PTE 0x{raw:X}", true, protection);
        }
    }

    private Resolution ResolveSubsection(DecodedPte content, ulong prototypePte, ulong va, ITraceSink trace, int depth)
    {
        if (_sections is null)
            return Fail(trace, $"subsection PTE (subsection at 0x{content.Pointer:X}): the kernel's section objects cannot be read without the OS layer", true, content.Protection);
        var kernel = new DepthKernelReader(this, depth + 1);
        var subsection = _sections.FindSubsection(content.Pointer, prototypePte, kernel, out var why);
        if (subsection is null) return Fail(trace, $"subsection at 0x{content.Pointer:X}: {why}", true, content.Protection);
        var index = (long)((prototypePte - subsection.SubsectionBase) / 8);
        var offset = (long)subsection.StartingSector * subsection.SectorUnit + index * 4096 + (long)(va & 0xFFF);
        if (trace.Enabled)
            trace.Add(new TraceStep(TraceStepKind.Subsection,
                $"_SUBSECTION 0x{subsection.Address:X}: control area 0x{subsection.ControlArea:X} ({(subsection.IsImage ? "image, sectors of 512" : "data file, units of 4096")}), " +
                $"StartingSector 0x{subsection.StartingSector:X}, SubsectionBase 0x{subsection.SubsectionBase:X}, PTE index {index}", VirtualAddress: subsection.Address));
        if (subsection.FileName is null)
            return Fail(trace, "subsection of a pagefile-backed section (no file object)", true, content.Protection);
        var dataBytes = 4096;
        if (subsection.FileDataBytes is { } covered)
        {
            var pageStart = (ulong)index * 4096;
            if (pageStart >= covered)
            {
                Note(trace, $"past the subsection's 0x{covered:X} bytes of file data: demand zero (Windows zero-fills it)");
                return Resolution.DemandZero(true, content.Protection);
            }
            if (covered - pageStart < 4096)
            {
                dataBytes = (int)(covered - pageStart);
                Note(trace, $"the subsection's file data ends 0x{dataBytes:X} bytes into this page; the rest reads as zeros");
            }
        }
        Note(trace, $"subsection PTE to file {subsection.FileName} @ 0x{offset:X}");
        return Located(trace, PageState.FileMapping, ExtendedLocation.File(subsection.FileName, offset), true, content.Protection, dataBytes: dataBytes);
    }

    /// <summary>A page in the compressed store: found and decompressed now, so a page that cannot be produced says why.</summary>
    private Resolution Compressed(uint key, ulong va, bool prototype, int protection, ITraceSink trace, int depth)
    {
        if (LoadCompressed(key, trace, depth, out var problem) is null) return Fail(trace, problem!, prototype, protection);
        var location = ExtendedLocation.Compressed(key, (long)(va & 0xFFF));
        Note(trace, $"{PageState.Compressed}: {location}");
        return Resolution.Mapped(PageState.Compressed, location, prototype, protection);
    }

    /// <summary>The 4096 bytes of the compressed-store page <paramref name="key"/>, or null with why not.</summary>
    private byte[]? LoadCompressed(uint key, ITraceSink trace, int depth, out string? problem)
    {
        if (_store?.Store is not { } store)
        {
            problem = $"in the compressed virtual store (page key 0x{key:X8}), which cannot be read: " +
                      (_store?.WhyNot ?? "no store is attached (it needs the Windows layer: SmGlobals and the MemCompression process)");
            return null;
        }
        if (depth >= MaxDepth)
        {
            problem = $"compressed store, page key 0x{key:X8}: more than {MaxDepth} nested lookups: stopped";
            return null;
        }
        var page = store.Load(key, new StoreAccess(this, depth + 1), trace);
        problem = page.Problem;
        return page.Bytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Resolution Located(ITraceSink trace, PageState state, ExtendedLocation location, bool prototype, int protection, long pageSize = 4096, int dataBytes = 4096)
    {
        if (!_space.IsAvailable(location, out var why))
        {
            Note(trace, $"{location} is not available: {why}");
            return Resolution.Missing(state, location, why ?? "not available", prototype, protection);
        }
        if (trace.Enabled)
        {
            var combined = _space.CombinedOffset(location);
            trace.Add(new TraceStep(TraceStepKind.Note, $"{state}: {location}" + (combined is { } c && location.Kind != BackingKind.Physical ? $" (extended space 0x{c:X})" : ""), location));
        }
        return Resolution.Mapped(state, location, prototype, protection, pageSize, dataBytes);
    }

    /// <summary>Reads kernel virtual memory through the kernel DTB (no VADs in kernel space).</summary>
    public bool TryRead(ulong kva, Span<byte> destination, out string? reason) => TryReadKernel(kva, destination, 0, out reason);

    private bool TryReadKernel(ulong kva, Span<byte> destination, int depth, out string? reason) =>
        TryReadVirtual(KernelDtb, null, kva, destination, NoTrace.Instance, depth, out reason);

    /// <summary>Reads virtual memory page by page at <paramref name="depth"/>; with a trace, each page's translation is one nested step.</summary>
    private bool TryReadVirtual(ulong dtb, IVadSource? vads, ulong start, Span<byte> destination, ITraceSink trace, int depth, out string? reason)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var va = start + (ulong)done;
            var n = (int)Math.Min(destination.Length - done, 4096 - (int)(va & 0xFFF));
            var recorder = trace.Enabled ? new TraceRecorder() : null;
            var page = Translate(dtb, va, vads, (ITraceSink?)recorder ?? NoTrace.Instance, depth);
            if (recorder is not null)
            {
                recorder.Add(new TraceStep(TraceStepKind.Note, TraceRenderer.Summary(page)));
                trace.Add(new TraceStep(TraceStepKind.CompressedStore, $"0x{n:X} bytes at 0x{va:X} (DTB 0x{dtb:X}):", VirtualAddress: va, Nested: recorder.Steps));
            }
            if (!TryReadResolved(page, destination.Slice(done, n), out reason))
            {
                reason = $"{(IsKernel(va) ? "kernel" : "virtual")} 0x{va:X}: {reason}";
                return false;
            }
            done += n;
        }
        reason = null;
        return true;
    }

    private bool TryReadResolved(Resolution resolution, Span<byte> destination, out string? reason)
    {
        reason = null;
        if (!resolution.Readable)
        {
            reason = resolution.Reason ?? "unresolvable";
            return false;
        }
        if (resolution.State == PageState.DemandZero)
        {
            destination.Clear();
            return true;
        }
        try
        {
            Read(resolution.Location!.Value, destination);
            return true;
        }
        catch (IOException e)
        {
            reason = e.Message;
            return false;
        }
    }

    /// <summary>One 8-byte entry of a page table, through the table-page cache.</summary>
    private bool TryReadEntry(ExtendedLocation table, int index, out ulong value, out string? reason)
    {
        value = TryReadTable(table, out var page, out reason) ? BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(index * 8)) : 0;
        return reason is null;
    }

    /// <summary>A whole page-table page, read once and kept in the table-page cache (shared: callers must not change it).</summary>
    internal bool TryReadTable(ExtendedLocation table, out byte[] page, out string? reason)
    {
        reason = null;
        try
        {
            var key = table.Kind == BackingKind.Compressed ? new ChunkKey(_compressedTableOwner, table.StoreKey) : new ChunkKey(_tableOwner, TableKey(table));
            page = _tables.GetOrAdd(key, (translator: this, table), static s =>
            {
                var bytes = new byte[4096];
                s.translator.Read(s.table, bytes);
                return bytes;
            });
            return true;
        }
        catch (IOException e)
        {
            reason = e.Message;
            page = [];
            return false;
        }
    }

    /// <summary>Distinct cache keys for table pages in physical memory and in each pagefile.</summary>
    private static long TableKey(ExtendedLocation table) =>
        table.Kind == BackingKind.Physical ? table.Offset >> 12 : -(((long)table.PagefileNumber << 44) | (table.Offset >> 12)) - 1;

    private string Describe(Resolution r) => r.Location is { } l ? l.ToString() : r.State == PageState.DemandZero ? "demand zero" : r.Reason ?? "unresolvable";

    private static Resolution Fail(ITraceSink trace, string reason, bool prototype = false, int protection = -1)
    {
        Note(trace, "unresolvable: " + reason);
        return Resolution.Unresolvable(reason, prototype, protection);
    }

    private static void Step(ITraceSink trace, TraceStepKind kind, ExtendedLocation at, DecodedPte decoded)
    {
        if (trace.Enabled) trace.Add(new TraceStep(kind, kind.ToString().ToLowerInvariant(), at, decoded.Raw, decoded));
    }

    private static void Note(ITraceSink trace, string text)
    {
        if (trace.Enabled) trace.Add(new TraceStep(TraceStepKind.Note, text));
    }

    public static bool IsCanonical(ulong va) => (va >> 47) == 0 || (va >> 47) == 0x1FFFF;

    public static bool IsKernel(ulong va) => (va >> 47) == 0x1FFFF;

    /// <summary>The store walk's reads, at the depth of the lookup that needs the page.</summary>
    private sealed class StoreAccess(WindowsTranslator translator, int depth) : IStoreAccess
    {
        public IKernelReader Kernel => new DepthKernelReader(translator, depth);

        public bool TryReadProcess(ulong dtb, IVadSource? vads, ulong va, Span<byte> destination, ITraceSink trace, out string? reason) =>
            translator.TryReadVirtual(dtb, vads, va, destination, trace, depth, out reason);
    }

    /// <summary>Kernel reads made on behalf of a deeper lookup carry its depth, so recursion stays bounded.</summary>
    private sealed class DepthKernelReader(WindowsTranslator translator, int depth) : IKernelReader
    {
        public bool TryRead(ulong kva, Span<byte> destination, out string? reason) => translator.TryReadKernel(kva, destination, depth, out reason);
    }
}
