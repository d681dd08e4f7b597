using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Symbols.Cab;

/// <summary>
/// A single-volume Microsoft cabinet ([MS-CAB]), as symbol servers serve compressed files (<c>ntkrnlmp.pd_</c>):
/// the CFHEADER, its CFFOLDER and CFFILE entries, and extraction of one file from an uncompressed or MSZIP folder.
/// Every count and size is checked against the file before it is used; multi-cabinet sets, LZX and Quantum are refused.
/// </summary>
internal sealed class CabinetFile
{
    private const uint Signature = 0x4643534D; // "MSCF"
    private const int HeaderBytes = 36;
    private const ushort PreviousCabinet = 0x0001;
    private const ushort NextCabinet = 0x0002;
    private const ushort ReservePresent = 0x0004;
    private const int MaxNameBytes = 256;

    private readonly Stream _stream;
    private readonly byte _dataReserve;

    private CabinetFile(string path, Stream stream)
    {
        Path = path;
        _stream = stream;
        var header = ReadAt(0, HeaderBytes, "CFHEADER");
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Signature) throw Bad(0, "not a cabinet (no MSCF signature)");
        var filesOffset = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16));
        if (header[25] != 1) throw Bad(25, $"cabinet format version {header[25]}.{header[24]} is not 1.x");
        var folderCount = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26));
        var fileCount = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
        if ((flags & (PreviousCabinet | NextCabinet)) != 0) throw Bad(30, "part of a multi-cabinet set; only single cabinets are read");

        long position = HeaderBytes;
        byte folderReserve = 0;
        if ((flags & ReservePresent) != 0)
        {
            var reserve = ReadAt(position, 4, "CFHEADER reserve sizes");
            folderReserve = reserve[2];
            _dataReserve = reserve[3];
            position += 4 + BinaryPrimitives.ReadUInt16LittleEndian(reserve);
        }

        var folders = new List<CabinetFolder>(Math.Min((int)folderCount, 1024));
        for (var i = 0; i < folderCount; i++)
        {
            var entry = ReadAt(position, 8, $"CFFOLDER {i}");
            folders.Add(new CabinetFolder(BinaryPrimitives.ReadUInt32LittleEndian(entry), BinaryPrimitives.ReadUInt16LittleEndian(entry.AsSpan(4)),
                BinaryPrimitives.ReadUInt16LittleEndian(entry.AsSpan(6))));
            position += 8 + folderReserve;
        }

        var files = new List<CabinetEntry>(Math.Min((int)fileCount, 1024));
        position = filesOffset;
        for (var i = 0; i < fileCount; i++)
        {
            var entry = ReadAt(position, 16, $"CFFILE {i}");
            var name = ReadName(position + 16, out var nameBytes);
            var file = new CabinetEntry(name, BinaryPrimitives.ReadUInt32LittleEndian(entry), BinaryPrimitives.ReadUInt32LittleEndian(entry.AsSpan(4)),
                BinaryPrimitives.ReadUInt16LittleEndian(entry.AsSpan(8)));
            if (file.Folder >= folders.Count) throw Bad(position + 8, $"CFFILE {i} ({name}) names folder {file.Folder}, the cabinet has {folders.Count}");
            files.Add(file);
            position += 16 + nameBytes;
        }
        Folders = folders;
        Files = files;
    }

    public string Path { get; }
    public IReadOnlyList<CabinetFolder> Folders { get; }
    public IReadOnlyList<CabinetEntry> Files { get; }

    /// <summary>Reads the cabinet's directory from <paramref name="stream"/> (left open); <paramref name="path"/> names it in errors.</summary>
    public static CabinetFile Read(string path, Stream stream) => new(path, stream);

    /// <summary>Writes <paramref name="file"/> to <paramref name="output"/>, refusing a file larger than <paramref name="maxBytes"/>.</summary>
    public void Extract(CabinetEntry file, Stream output, long maxBytes)
    {
        if (file.Size > maxBytes) throw Bad(null, $"{file.Name} is {file.Size:N0} bytes, more than the {maxBytes:N0} allowed");
        var folder = Folders[file.Folder];
        if (folder.Method is not (CabinetFolder.None or CabinetFolder.MsZip))
            throw Bad(null, $"{file.Name} is compressed with method {folder.Method} (LZX or Quantum); only MSZIP and uncompressed cabinets are read");

        var decoder = new MsZipDecoder(Path);
        long produced = 0;
        long position = folder.FirstDataOffset;
        var start = (long)file.FolderOffset;
        var end = start + file.Size;
        for (var i = 0; i < folder.DataBlocks && produced < end; i++)
        {
            var header = ReadAt(position, 8, $"CFDATA {i}");
            var compressed = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4));
            var uncompressed = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6));
            var data = ReadAt(position + 8 + _dataReserve, compressed, $"CFDATA {i} data");
            byte[] plain;
            if (folder.Method == CabinetFolder.MsZip) plain = decoder.Decode(data, uncompressed, position);
            else if (compressed != uncompressed) throw Bad(position, $"uncompressed CFDATA {i} has cbData {compressed} but cbUncomp {uncompressed}");
            else plain = data;

            var from = Math.Max(start - produced, 0);
            var to = Math.Min(end - produced, plain.Length);
            if (from < to) output.Write(plain, (int)from, (int)(to - from));
            produced += plain.Length;
            position += 8 + _dataReserve + compressed;
        }
        if (produced < end) throw Bad(null, $"folder {file.Folder} ends after {produced:N0} bytes, {file.Name} needs {end:N0}");
    }

    private byte[] ReadAt(long offset, int count, string what)
    {
        if (offset < 0 || offset + count > _stream.Length)
            throw Bad(offset, $"{what} ({count} bytes) runs past the end of the {_stream.Length:N0}-byte cabinet");
        var bytes = new byte[count];
        _stream.Position = offset;
        _stream.ReadExactly(bytes);
        return bytes;
    }

    private string ReadName(long offset, out int bytesWithTerminator)
    {
        var available = (int)Math.Min(MaxNameBytes + 1, Math.Max(_stream.Length - offset, 0));
        var bytes = ReadAt(offset, available, "CFFILE name");
        var end = Array.IndexOf(bytes, (byte)0);
        if (end <= 0) throw Bad(offset, $"CFFILE name is empty or longer than {MaxNameBytes} bytes");
        bytesWithTerminator = end + 1;
        return Encoding.UTF8.GetString(bytes, 0, end);
    }

    private ImageFormatException Bad(long? offset, string problem) => new(Path, offset, problem);
}
