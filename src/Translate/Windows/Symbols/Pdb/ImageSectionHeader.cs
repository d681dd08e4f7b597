using System.Text;

namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>An IMAGE_SECTION_HEADER (40 bytes) from the DBI section-header stream.</summary>
internal sealed record ImageSectionHeader(string Name, uint VirtualSize, uint VirtualAddress, uint SizeOfRawData, uint PointerToRawData, uint Characteristics)
{
    public const int Size = 40;

    /// <summary>Reads every header of a section-header stream; a partial trailing header is an error.</summary>
    public static IReadOnlyList<ImageSectionHeader> ReadAll(MsfFile msf, int stream)
    {
        var data = msf.ReadStream(stream);
        var all = new List<ImageSectionHeader>(data.Length / Size);
        for (var at = 0; at < data.Length; at += Size)
        {
            var r = new MsfStreamReader(msf, stream, "section header", data, at, Math.Min(at + Size, data.Length), $"section {all.Count + 1}");
            var name = Encoding.ASCII.GetString(r.Bytes(8)).TrimEnd('\0');
            var virtualSize = r.U32();
            var virtualAddress = r.U32();
            var rawSize = r.U32();
            var rawPointer = r.U32();
            r.Skip(12); // relocations, line numbers and their counts
            all.Add(new ImageSectionHeader(name, virtualSize, virtualAddress, rawSize, rawPointer, r.U32()));
        }
        return all;
    }
}
