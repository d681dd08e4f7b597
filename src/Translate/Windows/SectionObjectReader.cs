using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using MemFs.Translate.Windows.Layouts;

namespace MemFs.Translate.Windows;

/// <summary>
/// Reads _SUBSECTION → _CONTROL_AREA → _FILE_OBJECT.FileName from kernel memory with the resolved section layout.
/// The first subsection follows its control area; later ones are reached through NextSubsection. Subsections read
/// once are remembered (the image never changes): every file-backed page of a section names the same few.
/// </summary>
internal sealed class SectionObjectReader(SectionObjectLayout layout) : ISectionObjects
{
    private const int MaxSubsections = 65536;
    private const int MaxRemembered = 65536;
    private readonly ConcurrentDictionary<ulong, SubsectionInfo> _read = new();

    internal SectionObjectLayout Layout => layout;

    public SubsectionInfo? FindSubsection(ulong subsectionKva, ulong prototypePte, IKernelReader kernel, out string? reason)
    {
        var first = ReadSubsection(subsectionKva, kernel, out reason);
        if (first is null || first.Holds(prototypePte)) return first;

        // The PTE may name another subsection of the same control area (Rekall's lookup does this too).
        var candidate = ReadSubsection(first.ControlArea + (ulong)layout.ControlAreaSize, kernel, out reason);
        for (var i = 0; i < MaxSubsections && candidate is not null; i++)
        {
            if (candidate.Holds(prototypePte)) return candidate;
            candidate = NextSubsection(candidate, kernel, out reason);
        }
        if (reason is null) reason = $"no subsection of control area 0x{first.ControlArea:X} holds prototype PTE 0x{prototypePte:X}";
        return null;
    }

    public ulong? PrototypeAcrossSubsections(ulong vadSubsection, ulong firstPrototypePte, ulong pageIndex, IKernelReader kernel, out string? reason)
    {
        var subsection = ReadSubsection(vadSubsection, kernel, out reason);
        if (subsection is null) return null;
        if (!subsection.Holds(firstPrototypePte))
        {
            reason = $"the VAD's subsection 0x{vadSubsection:X} does not hold its FirstPrototypePte 0x{firstPrototypePte:X}";
            return null;
        }
        var index = (firstPrototypePte - subsection.SubsectionBase) / 8 + pageIndex;
        for (var i = 0; i < MaxSubsections; i++)
        {
            if (index < subsection.PtesInSubsection) return subsection.SubsectionBase + index * 8;
            index -= subsection.PtesInSubsection;
            var controlArea = subsection.ControlArea;
            subsection = NextSubsection(subsection, kernel, out reason);
            if (subsection is null)
            {
                reason ??= $"the view runs past the last subsection of control area 0x{controlArea:X}";
                return null;
            }
        }
        reason = $"more than {MaxSubsections} subsections: stopped";
        return null;
    }

    /// <summary>The subsection NextSubsection points at; null with no reason at the end of the chain, or with the reason it cannot be read.</summary>
    private SubsectionInfo? NextSubsection(SubsectionInfo subsection, IKernelReader kernel, out string? reason)
    {
        if (!TryReadPointer(kernel, subsection.Address + (ulong)layout.NextSubsection, out var next, out reason)) return null;
        return next == 0 ? null : ReadSubsection(next, kernel, out reason);
    }

    private SubsectionInfo? ReadSubsection(ulong kva, IKernelReader kernel, out string? reason)
    {
        if (_read.TryGetValue(kva, out var known))
        {
            reason = null;
            return known;
        }
        var read = ReadSubsectionObjects(kva, kernel, out reason);
        if (read is not null)
        {
            if (_read.Count >= MaxRemembered) _read.Clear();
            _read[kva] = read;
        }
        return read;
    }

    private SubsectionInfo? ReadSubsectionObjects(ulong kva, IKernelReader kernel, out string? reason)
    {
        var s = new byte[layout.SubsectionReadSize];
        if (!kernel.TryRead(kva, s, out reason))
        {
            reason = $"_SUBSECTION at 0x{kva:X} unreadable: {reason}";
            return null;
        }
        var controlArea = U64(s, layout.SubsectionControlArea);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(s.AsSpan(layout.SubsectionFlags));
        // _MMSUBSECTION_FLAGS.StartingSector4132 (bits 6-15) holds sector bits 41..32.
        var startingSector = BinaryPrimitives.ReadUInt32LittleEndian(s.AsSpan(layout.StartingSector)) | ((ulong)((flags >> 6) & 0x3FF) << 32);
        var ca = new byte[layout.ControlAreaSize];
        if (!kernel.TryRead(controlArea, ca, out reason))
        {
            reason = $"_CONTROL_AREA at 0x{controlArea:X} (from _SUBSECTION 0x{kva:X}) unreadable: {reason}";
            return null;
        }
        var caFlags = BinaryPrimitives.ReadUInt32LittleEndian(ca.AsSpan(layout.ControlAreaFlags));
        // FilePointer is an _EX_FAST_REF: the low 4 bits are a reference count.
        var fileObject = U64(ca, layout.ControlAreaFilePointer) & ~0xFUL;
        string? name = null;
        if (fileObject != 0 && !TryReadFileName(kernel, fileObject, out name, out reason)) return null;
        reason = null;
        var isImage = ((caFlags >> layout.ImageFlagBit) & 1) != 0;
        // _MMSUBSECTION_FLAGS.SectorEndOffset (bits 20-31): the bytes of the last, partial sector.
        var fullSectors = BinaryPrimitives.ReadUInt32LittleEndian(s.AsSpan(layout.NumberOfFullSectors));
        var sectorEnd = flags >> 20;
        ulong? fileData = isImage && (fullSectors != 0 || sectorEnd != 0) ? (ulong)fullSectors * 512 + sectorEnd : null;
        return new SubsectionInfo(kva, controlArea, U64(s, layout.SubsectionBase), BinaryPrimitives.ReadUInt32LittleEndian(s.AsSpan(layout.PtesInSubsection)),
            startingSector, isImage, ((caFlags >> layout.FileFlagBit) & 1) != 0, name, fileData);
    }

    private bool TryReadFileName(IKernelReader kernel, ulong fileObject, out string? name, out string? reason)
    {
        name = null;
        var unicodeString = new byte[16];
        if (!kernel.TryRead(fileObject + (ulong)layout.FileObjectFileName, unicodeString, out reason))
        {
            reason = $"_FILE_OBJECT at 0x{fileObject:X} unreadable: {reason}";
            return false;
        }
        // UNICODE_STRING.Length is a u16: the name buffer is at most 64 KiB, which bounds the read.
        var length = BinaryPrimitives.ReadUInt16LittleEndian(unicodeString);
        var buffer = U64(unicodeString, 8);
        if (length == 0 || length % 2 != 0 || buffer == 0)
        {
            reason = $"_FILE_OBJECT at 0x{fileObject:X} has no usable FileName (length {length})";
            return false;
        }
        var text = new byte[length];
        if (!kernel.TryRead(buffer, text, out reason))
        {
            reason = $"file name buffer at 0x{buffer:X} unreadable: {reason}";
            return false;
        }
        name = Encoding.Unicode.GetString(text);
        return true;
    }

    private static bool TryReadPointer(IKernelReader kernel, ulong kva, out ulong value, out string? reason)
    {
        var b = new byte[8];
        value = kernel.TryRead(kva, b, out reason) ? BinaryPrimitives.ReadUInt64LittleEndian(b) : 0;
        return reason is null;
    }

    private static ulong U64(byte[] b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(offset));
}
