using System.Runtime.CompilerServices;

namespace MemFs.Translate.Paging;

/// <summary>
/// Decodes Windows x64 page-table entries through the _MMPTE views (Hard, Trans, Proto, Soft, Subsect), unswizzled
/// with MiState.Hardware.InvalidPteMask on 1809+ as MemProcFS and IntroVirt do. Pure: the
/// same value always decodes the same way under the same settings.
/// </summary>
public sealed class PteDecoder(PagingSettings settings)
{
    private const ulong ProtoAddressVadMarker = 0xFFFF_FFFF_0000;
    private const ulong Win11FileBackedMask = 0xFFFF_8000_0000_000F;
    private const ulong Win11FileBackedValue = 0xFFFF_8000_0000_0000;

    public PagingSettings Settings => settings;
    private SoftwarePteLayout Layout => settings.Layout;

    /// <summary>
    /// Removes InvalidPteMask from a non-present entry whose SwizzleBit (bit 4) is clear (1809+ kernels store
    /// non-present PTEs with the mask set so they point at no physical memory). Zero is never unswizzled.
    /// </summary>
    public ulong Unswizzle(ulong raw, out bool applied)
    {
        applied = raw != 0 && Layout.HasSwizzleBit && (raw & 0x10) == 0 && settings.InvalidPteMask != 0 && (raw & settings.InvalidPteMask) != 0;
        return applied ? raw & ~settings.InvalidPteMask : raw;
    }

    /// <summary>A hardware PTE (the last level of the walk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DecodedPte DecodeLeaf(ulong raw)
    {
        if ((raw & 1) != 0) return new DecodedPte(PteKind.Valid, raw, raw, false, -1, FrameAddress: (long)(raw & SoftwarePteLayout.Frame52));
        if (raw == 0) return new DecodedPte(PteKind.Zero, 0, 0, false, 0);
        if (settings.HasFileBackedMarker && (raw & Win11FileBackedMask) == Win11FileBackedValue)
            return new DecodedPte(PteKind.FileBackedMarker, raw, raw, false, 0, Problem: "Windows 11 22H2+ file-backed PTE encoding (undocumented)");
        var s = Unswizzle(raw, out var applied);
        if (Bit(s, 10))
        {
            if (((raw >> 16) & 0xFFFF_FFFF_FFFF) == ProtoAddressVadMarker || ((s >> 16) & 0xFFFF_FFFF_FFFF) == ProtoAddressVadMarker)
                return new DecodedPte(PteKind.VadMarker, raw, s, applied, SoftProtection(s));
            var pointer = SignExtend48(s >> 16);
            return pointer == 0
                ? new DecodedPte(PteKind.Invalid, raw, s, applied, Layout.PrototypeProtection(s), Problem: "prototype PTE pointer is null")
                : new DecodedPte(PteKind.PrototypePointer, raw, s, applied, Layout.PrototypeProtection(s), Pointer: pointer);
        }
        return DecodeSoftware(raw, s, applied);
    }

    /// <summary>The contents of a prototype PTE: bit 10 there means _MMPTE_SUBSECTION, never another prototype.</summary>
    public DecodedPte DecodePrototypeContent(ulong raw)
    {
        if ((raw & 1) != 0) return new DecodedPte(PteKind.Valid, raw, raw, false, -1, FrameAddress: (long)(raw & SoftwarePteLayout.Frame52));
        var s = Unswizzle(raw, out var applied);
        if (Bit(s, 10))
        {
            var subsection = SignExtend48(s >> 16);
            return subsection == 0
                ? new DecodedPte(PteKind.Invalid, raw, s, applied, SoftProtection(s), Problem: "subsection PTE with a null subsection address")
                : new DecodedPte(PteKind.Subsection, raw, s, applied, SoftProtection(s), Pointer: subsection);
        }
        return DecodeSoftware(raw, s, applied);
    }

    /// <summary>A non-present PML4E, PDPTE or PDE: it says where the next table is, never where data is.</summary>
    public DecodedPte DecodeUpperLevel(ulong raw)
    {
        if ((raw & 1) != 0) return new DecodedPte(PteKind.Valid, raw, raw, false, -1, FrameAddress: (long)(raw & SoftwarePteLayout.Frame52));
        if (raw == 0) return new DecodedPte(PteKind.Zero, 0, 0, false, 0);
        var s = Unswizzle(raw, out var applied);
        if (Bit(s, 10)) return new DecodedPte(PteKind.Invalid, raw, s, applied, SoftProtection(s), Problem: "prototype bit set in a page-directory entry");
        return DecodeSoftware(raw, s, applied);
    }

    private DecodedPte DecodeSoftware(ulong raw, ulong s, bool applied)
    {
        var protection = SoftProtection(s);
        if (Bit(s, 11))
            return new DecodedPte(PteKind.Transition, raw, s, applied, protection, FrameAddress: (long)(s & Layout.TransitionFrameMask));
        var number = Layout.PageFileNumber(s);
        var high = s >> 32;
        if (number == 0 && high == 0) return new DecodedPte(PteKind.DemandZero, raw, s, applied, protection);
        if (number == settings.VirtualStoreNumber)
            return new DecodedPte(PteKind.VirtualStore, raw, s, applied, protection, number, (long)(high << 12));
        if (high == 0)
            return new DecodedPte(PteKind.Invalid, raw, s, applied, protection, number, Problem: $"paging file {number} with offset 0 and no other meaning");
        if (protection == 0)
            return new DecodedPte(PteKind.Invalid, raw, s, applied, protection, number, (long)(high << 12), Problem: "pagefile entry with protection 0 (Rekall: Invalid Soft PTE)");
        return new DecodedPte(PteKind.Pagefile, raw, s, applied, protection, number, (long)(high << 12));
    }

    /// <summary>_MMPTE_SOFTWARE.Protection: bits 5–9 on every x64 version.</summary>
    private static int SoftProtection(ulong value) => (int)((value >> 5) & 0x1F);

    private static bool Bit(ulong value, int bit) => ((value >> bit) & 1) != 0;

    /// <summary>Kernel addresses in PTEs are 48-bit signed fields.</summary>
    public static ulong SignExtend48(ulong value)
    {
        value &= 0xFFFF_FFFF_FFFF;
        return (value & 0x8000_0000_0000) != 0 ? value | 0xFFFF_0000_0000_0000 : value;
    }
}
