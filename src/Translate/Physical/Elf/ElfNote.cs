using System.Text;
using MemFs.Aff4.Binary;

namespace MemFs.Translate.Physical.Elf;

/// <summary>
/// One ELF note: { u32 namesz, u32 descsz, u32 type, name, desc }, name and desc each padded to 4 bytes.
/// VirtualBox pads to 8 but writes namesz without the NUL and descsz already rounded, which the 4-byte
/// rule reads the same way. <see cref="DescriptionOffset"/> is where the desc bytes lie in <see cref="File"/>.
/// </summary>
internal sealed record ElfNote(string Name, uint Type, byte[] Description, string File, long DescriptionOffset)
{
    // Elf32_Nhdr / Elf64_Nhdr (System V ABI, "Note Section"): the same three u32 in both classes.
    private const int NNamesz = 0;
    private const int NDescsz = 4;
    private const int NType = 8;
    private const int HeaderSize = 12;

    public static IReadOnlyList<ElfNote> ReadAll(string file, ReadOnlySpan<byte> segment, long segmentOffset, List<string> warnings)
    {
        var notes = new List<ElfNote>();
        var notesReader = ImageReader.Over(segment, file, segmentOffset, "PT_NOTE segment");
        var at = 0;
        while (segment.Length - at >= HeaderSize)
        {
            var header = notesReader.Slice(at, HeaderSize, "Elf_Nhdr");
            var nameSize = header.U32(NNamesz, "n_namesz");
            var descSize = header.U32(NDescsz, "n_descsz");
            var type = header.U32(NType, "n_type");
            var nameAt = (long)at + HeaderSize;
            var descAt = nameAt + Align4(nameSize);
            var end = descAt + Align4(descSize);
            if (descAt + descSize > segment.Length)
            {
                warnings.Add($"{file}, offset 0x{segmentOffset + at:X}: ELF note (namesz {nameSize}, descsz {descSize}) runs past the end of its PT_NOTE segment; later notes were not read");
                break;
            }
            var name = Encoding.ASCII.GetString(notesReader.Bytes(nameAt, nameSize, "name")).TrimEnd('\0');
            notes.Add(new ElfNote(name, type, notesReader.Bytes(descAt, descSize, "desc").ToArray(), file, segmentOffset + descAt));
            at = (int)Math.Min(end, segment.Length);
        }
        return notes;
    }

    /// <summary>The desc bytes as <paramref name="structure"/>, for reads that name the file and absolute offset.</summary>
    public BoundedReader Reader(string structure) => ImageReader.Over(Description, File, DescriptionOffset, structure);

    private static long Align4(uint size) => ((long)size + 3) & ~3L;
}
