namespace MemFs.Translate.Physical.Elf;

/// <summary>
/// One ELF note: { u32 namesz, u32 descsz, u32 type, name, desc }, name and desc each padded to 4 bytes.
/// VirtualBox pads to 8 but writes namesz without the NUL and descsz already rounded, which the 4-byte
/// rule reads the same way.
/// </summary>
internal sealed record ElfNote(string Name, uint Type, byte[] Description)
{
    public static IReadOnlyList<ElfNote> ReadAll(string file, ReadOnlySpan<byte> segment, long segmentOffset, List<string> warnings)
    {
        var notes = new List<ElfNote>();
        var at = 0;
        while (segment.Length - at >= 12)
        {
            var nameSize = ElfHeader.U32(segment, at);
            var descSize = ElfHeader.U32(segment, at + 4);
            var type = ElfHeader.U32(segment, at + 8);
            var nameAt = (long)at + 12;
            var descAt = nameAt + Align4(nameSize);
            var end = descAt + Align4(descSize);
            if (descAt + descSize > segment.Length)
            {
                warnings.Add($"{file}, offset 0x{segmentOffset + at:X}: ELF note (namesz {nameSize}, descsz {descSize}) runs past the end of its PT_NOTE segment; later notes were not read");
                break;
            }
            var name = System.Text.Encoding.ASCII.GetString(segment.Slice((int)nameAt, (int)nameSize)).TrimEnd('\0');
            notes.Add(new ElfNote(name, type, segment.Slice((int)descAt, (int)descSize).ToArray()));
            at = (int)Math.Min(end, segment.Length);
        }
        return notes;
    }

    private static long Align4(uint size) => ((long)size + 3) & ~3L;
}
