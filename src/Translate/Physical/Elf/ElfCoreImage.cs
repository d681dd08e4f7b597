using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Elf;

/// <summary>
/// An ELF core file of a virtual machine (QEMU dump-guest-memory, VirtualBox dumpvmcore): each PT_LOAD with
/// file bytes maps p_paddr to p_offset for p_filesz bytes. Memory a segment declares but does not store
/// (p_memsz beyond p_filesz) stays a hole.
/// </summary>
internal static class ElfCoreImage
{
    /// <summary>Bounds the notes read: a core's notes are a few hundred bytes per vCPU.</summary>
    public const int MaxNoteSegment = 16 << 20;

    public static bool IsElf(ReadOnlySpan<byte> head) => head.Length >= 4 && head[..4].SequenceEqual(ElfHeader.Magic);

    public static PhysicalImage Open(IByteSource source)
    {
        var file = source.Name;
        var header = ElfHeader.Read(source);
        var warnings = new List<string>();
        if (header.Type != ElfHeader.EtCore)
            warnings.Add($"{file}: e_type is {header.Type}, not ET_CORE (4); reading its PT_LOAD segments as physical memory anyway");

        var segments = ReadProgramHeaders(source, header);
        var notes = new ElfCoreNotes(segments.Where(s => s.Type == ElfProgramHeader.PtNote).SelectMany(s => ReadNotes(source, s, warnings)).ToList());
        var loads = segments.Where(s => s.Type == ElfProgramHeader.PtLoad && s.FileSize != 0).ToList();
        var useVirtual = UsesVirtualAddresses(loads);
        if (useVirtual)
            warnings.Add($"{file}: every PT_LOAD has p_paddr 0 but their p_vaddr differ; using p_vaddr as the physical address");

        var runs = loads.Select(s => ToRun(file, s, useVirtual, header.Is64, warnings)).ToList();
        WarnMissingMemory(file, loads, useVirtual, warnings);
        CheckOverlaps(file, runs);
        var table = RunTable.Validate(runs.Select(r => r.Run), file, source.Length, "PT_LOAD");
        warnings.AddRange(table.Warnings);

        var memory = new RunMappedMemory(notes.Format, source, table);
        var facts = Facts(header, notes, segments, loads.Count);
        return new PhysicalImage(file, memory, facts, warnings, [], memory);
    }

    private static List<ElfProgramHeader> ReadProgramHeaders(IByteSource source, ElfHeader header)
    {
        var list = new List<ElfProgramHeader>(header.ProgramHeaderCount);
        var entry = new byte[header.ProgramHeaderEntrySize];
        for (var i = 0; i < header.ProgramHeaderCount; i++)
        {
            var at = header.ProgramHeaderOffset + (long)i * header.ProgramHeaderSize;
            var what = $"program header {i}";
            source.ReadExactly(at, entry, what);
            list.Add(ElfProgramHeader.Read(ImageReader.Over(entry, source.Name, at, what), header.Is64));
        }
        return list;
    }

    private static IReadOnlyList<ElfNote> ReadNotes(IByteSource source, ElfProgramHeader note, List<string> warnings)
    {
        if (note.FileSize > MaxNoteSegment || note.Offset > source.Length || note.FileSize > source.Length - note.Offset)
        {
            warnings.Add($"{source.Name}, offset 0x{note.At:X}: PT_NOTE of {note.FileSize:N0} bytes at 0x{note.Offset:X} is too large or lies past the end of the file; its notes were not read");
            return [];
        }
        var bytes = source.ReadBlock(note.Offset, (int)note.FileSize, "PT_NOTE segment");
        return ElfNote.ReadAll(source.Name, bytes, note.Offset, warnings);
    }

    /// <summary>Some writers leave p_paddr 0 and put the guest physical address in p_vaddr.</summary>
    private static bool UsesVirtualAddresses(List<ElfProgramHeader> loads) =>
        loads.Count > 0 && loads.All(s => s.PhysicalAddress == 0) && loads.Any(s => s.VirtualAddress != 0)
        && loads.Select(s => s.VirtualAddress).Distinct().Count() == loads.Count;

    private static (MappedRun Run, long At) ToRun(string file, ElfProgramHeader s, bool useVirtual, bool is64, List<string> warnings)
    {
        var address = useVirtual ? s.VirtualAddress : s.PhysicalAddress;
        var field = useVirtual ? "p_vaddr" : "p_paddr";
        var fieldAt = s.AddressFieldAt(useVirtual, is64);
        var length = s.FileSize;
        if ((ulong)length > s.MemorySize)
        {
            warnings.Add($"{file}, offset 0x{s.At:X}: PT_LOAD at {field} 0x{address:X} has p_filesz 0x{length:X} above p_memsz 0x{s.MemorySize:X}; only p_memsz bytes are mapped");
            length = (long)s.MemorySize;
        }
        if (address >= RunTable.MaxPhysicalAddress || (ulong)length > RunTable.MaxPhysicalAddress - address)
            throw new ImageFormatException(file, fieldAt, $"PT_LOAD {field} 0x{address:X} with 0x{length:X} bytes lies outside the 52-bit physical address space");
        return (new MappedRun((long)address, length, s.Offset), s.At);
    }

    private static void WarnMissingMemory(string file, List<ElfProgramHeader> loads, bool useVirtual, List<string> warnings)
    {
        var partial = loads.Where(s => s.MemorySize > (ulong)s.FileSize).ToList();
        if (partial.Count == 0) return;
        var first = partial[0];
        var missing = partial.Aggregate(0UL, (sum, s) => sum + (s.MemorySize - (ulong)s.FileSize));
        var firstHole = (useVirtual ? first.VirtualAddress : first.PhysicalAddress) + (ulong)first.FileSize;
        warnings.Add($"{file}: {partial.Count:N0} PT_LOAD segment(s) declare more memory than the file holds (p_memsz > p_filesz, first at offset 0x{first.At:X}); " +
            $"the {missing:N0} missing bytes, from physical 0x{firstHole:X}, are holes");
    }

    private static void CheckOverlaps(string file, List<(MappedRun Run, long At)> runs)
    {
        var sorted = runs.OrderBy(r => r.Run.Start).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i - 1].Run.End <= sorted[i].Run.Start) continue;
            var (earlier, later) = sorted[i - 1].At < sorted[i].At ? (sorted[i - 1], sorted[i]) : (sorted[i], sorted[i - 1]);
            throw new ImageFormatException(file, later.At,
                $"PT_LOAD 0x{later.Run.Start:X}-0x{later.Run.End:X} overlaps the PT_LOAD at 0x{earlier.Run.Start:X}-0x{earlier.Run.End:X} (program header at 0x{earlier.At:X})");
        }
    }

    private static ImageFacts Facts(ElfHeader header, ElfCoreNotes notes, List<ElfProgramHeader> segments, int loadsWithData)
    {
        var other = new List<KeyValuePair<string, string>>
        {
            new("ELF class", header.Is64 ? "ELF64" : "ELF32"),
            new("ELF e_machine", header.Machine.ToString()),
            new("PT_LOAD segments", $"{loadsWithData:N0} with file data, {segments.Count(s => s.Type == ElfProgramHeader.PtLoad) - loadsWithData:N0} without (MMIO or not dumped)"),
        };
        if (header.CountFromSection) other.Add(new("Program header count", $"{header.ProgramHeaderCount:N0} (PN_XNUM, from section header 0)"));
        if (notes.Notes.Count > 0) other.Add(new("ELF notes", notes.Summary));
        if (notes.VirtualBoxVersion is { } v) other.Add(new("VirtualBox version", v));
        return new ImageFacts
        {
            MachineType = header.Machine switch { ElfHeader.EmX8664 => 0x8664u, ElfHeader.EmI386 => 0x14Cu, _ => null },
            DirectoryTableBase = notes.Cr3,
            PaeEnabled = notes.Cr4 is { } cr4 ? (cr4 & 0x20) != 0 : null,
            NumberProcessors = notes.ProcessorCount,
            Imager = notes.Imager,
            Other = other,
        };
    }
}
