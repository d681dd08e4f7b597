using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The MSF 7.00 container of a PDB: the superblock, the stream directory and the streams made of blocks (LLVM PDB docs,
/// "The MSF File Format"). Every block index and size is checked against <see cref="NumBlocks"/> and the file length
/// before it is used; a bad one is an <see cref="ImageFormatException"/> naming the file offset and field.
/// </summary>
internal sealed class MsfFile : IDisposable
{
    /// <summary>"Microsoft C/C++ MSF 7.00\r\n" 1A 44 53 00 00 00.</summary>
    public static ReadOnlySpan<byte> Magic => "Microsoft C/C++ MSF 7.00\r\n\x1a\x44\x53\0\0\0"u8;

    public const int SuperBlockSize = 56;
    public const uint NilStreamSize = 0xFFFFFFFF;

    private readonly FileStream? _file;
    private readonly byte[]? _bytes;
    private readonly uint[] _streamSizes;
    private readonly uint[][] _streamBlocks;

    private MsfFile(string path, FileStream? file, byte[]? bytes)
    {
        Path = path;
        _file = file;
        _bytes = bytes;
        Length = file?.Length ?? bytes!.LongLength;
        try
        {
            if (Length < SuperBlockSize)
                throw Bad(0, $"the file is {Length} bytes, shorter than the {SuperBlockSize}-byte MSF superblock (truncated?)");
            var super = ReadAt(0, SuperBlockSize);
            if (!super.AsSpan(0, 32).SequenceEqual(Magic))
            {
                var old = Encoding.ASCII.GetString(super).StartsWith("Microsoft C/C++ program database 2.00", StringComparison.Ordinal);
                throw Bad(0, old
                    ? "an old \"program database 2.00\" (JG) PDB; only MSF 7.00 PDBs are supported"
                    : "not an MSF 7.00 PDB: the superblock magic \"Microsoft C/C++ MSF 7.00\\r\\n\\x1aDS\" is missing");
            }

            BlockSize = (int)Field(super, 32, "BlockSize", v => v is 512 or 1024 or 2048 or 4096, "not 512, 1024, 2048 or 4096");
            FreeBlockMapBlock = Field(super, 36, "FreeBlockMapBlock", v => v is 1 or 2, "not 1 or 2");
            NumBlocks = Field(super, 40, "NumBlocks", v => v >= 3 && (long)v * BlockSize <= Length,
                $"blocks of {BlockSize} bytes do not fit in the {Length}-byte file (truncated?)");
            NumDirectoryBytes = Field(super, 44, "NumDirectoryBytes", v => v >= 4 && Ceil(v) <= BlockSize / 4 && v <= (long)NumBlocks * BlockSize,
                "the directory cannot be that large");
            Unknown = BinaryPrimitives.ReadUInt32LittleEndian(super.AsSpan(48));
            BlockMapAddr = Field(super, 52, "BlockMapAddr", v => v < NumBlocks, $"not below NumBlocks {NumBlocks}: the block map is beyond the file");

            (_streamSizes, _streamBlocks) = ReadDirectory();
        }
        catch
        {
            _file?.Dispose();
            throw;
        }
    }

    /// <summary>Opens a PDB file for reading (share read). Dispose it when the streams have been read.</summary>
    public static MsfFile Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        return new MsfFile(path, file, null);
    }

    /// <summary>Reads an MSF held in memory; <paramref name="name"/> is used in error messages.</summary>
    public static MsfFile Parse(string name, byte[] bytes) => new(name, null, bytes);

    public string Path { get; }
    public long Length { get; }
    public int BlockSize { get; }
    public uint FreeBlockMapBlock { get; }
    public uint NumBlocks { get; }
    public uint NumDirectoryBytes { get; }
    public uint Unknown { get; }
    public uint BlockMapAddr { get; }

    /// <summary>The directory blocks, as listed at <see cref="BlockMapAddr"/>.</summary>
    public IReadOnlyList<uint> DirectoryBlocks { get; private set; } = [];

    public int StreamCount => _streamSizes.Length;

    /// <summary>The declared size of a stream, or null for a nil stream (size 0xFFFFFFFF).</summary>
    public uint? StreamSize(int index)
    {
        CheckIndex(index);
        return _streamSizes[index] == NilStreamSize ? null : _streamSizes[index];
    }

    public bool HasStream(int index) => index >= 0 && index < StreamCount && _streamSizes[index] != NilStreamSize;

    /// <summary>The bytes of a stream, its blocks concatenated and cut to its declared size; a nil stream is empty.</summary>
    public byte[] ReadStream(int index)
    {
        CheckIndex(index);
        var size = _streamSizes[index];
        if (size == NilStreamSize || size == 0) return [];
        var result = new byte[size];
        var blocks = _streamBlocks[index];
        for (var i = 0; i < blocks.Length; i++)
        {
            var n = (int)Math.Min(BlockSize, size - (long)i * BlockSize);
            ReadAt((long)blocks[i] * BlockSize, result.AsSpan(i * BlockSize, n));
        }
        return result;
    }

    /// <summary>The file offset of byte <paramref name="position"/> of a stream (for error messages), or null.</summary>
    public long? FileOffset(int stream, long position)
    {
        if (stream < 0 || stream >= StreamCount || position < 0) return null;
        var blocks = _streamBlocks[stream];
        if (blocks.Length == 0) return null;
        var i = position / BlockSize;
        if (i >= blocks.Length) return (long)blocks[^1] * BlockSize + BlockSize;
        return (long)blocks[i] * BlockSize + position % BlockSize;
    }

    public void Dispose() => _file?.Dispose();

    private (uint[] Sizes, uint[][] Blocks) ReadDirectory()
    {
        var dirBlockCount = Ceil(NumDirectoryBytes);
        var mapOffset = (long)BlockMapAddr * BlockSize;
        var map = ReadAt(mapOffset, dirBlockCount * 4);
        var dirBlocks = new uint[dirBlockCount];
        for (var i = 0; i < dirBlockCount; i++)
        {
            dirBlocks[i] = BinaryPrimitives.ReadUInt32LittleEndian(map.AsSpan(i * 4));
            if (dirBlocks[i] >= NumBlocks)
                throw Bad(mapOffset + i * 4, $"stream directory block {i} is block {dirBlocks[i]}, not below NumBlocks {NumBlocks}: the directory is beyond the file");
        }
        DirectoryBlocks = dirBlocks;

        var dir = new byte[NumDirectoryBytes];
        for (var i = 0; i < dirBlockCount; i++)
        {
            var n = (int)Math.Min(BlockSize, NumDirectoryBytes - (long)i * BlockSize);
            ReadAt((long)dirBlocks[i] * BlockSize, dir.AsSpan(i * BlockSize, n));
        }
        long DirOffset(long pos) => (long)dirBlocks[pos / BlockSize] * BlockSize + pos % BlockSize;

        var numStreams = BinaryPrimitives.ReadUInt32LittleEndian(dir);
        if (numStreams > (NumDirectoryBytes - 4) / 4)
            throw Bad(DirOffset(0), $"stream directory: NumStreams {numStreams} does not fit in NumDirectoryBytes {NumDirectoryBytes}");
        var sizes = new uint[numStreams];
        var blocks = new uint[numStreams][];
        long pos = 4 + numStreams * 4L;
        for (var s = 0; s < numStreams; s++)
        {
            var sizeAt = 4 + s * 4L;
            sizes[s] = BinaryPrimitives.ReadUInt32LittleEndian(dir.AsSpan((int)sizeAt));
            if (sizes[s] != NilStreamSize && sizes[s] > Length)
                throw Bad(DirOffset(sizeAt), $"stream directory: stream {s} size {sizes[s]} is larger than the {Length}-byte file");
            var count = sizes[s] == NilStreamSize ? 0 : Ceil(sizes[s]);
            if (pos + count * 4L > NumDirectoryBytes)
                throw Bad(DirOffset(Math.Min(pos, NumDirectoryBytes - 1)),
                    $"stream directory: the block list of stream {s} ({count} blocks) runs past NumDirectoryBytes {NumDirectoryBytes}");
            blocks[s] = new uint[count];
            for (var b = 0; b < count; b++, pos += 4)
            {
                var block = BinaryPrimitives.ReadUInt32LittleEndian(dir.AsSpan((int)pos));
                if (block >= NumBlocks)
                    throw Bad(DirOffset(pos), $"stream directory: block {b} of stream {s} is block {block}, not below NumBlocks {NumBlocks}");
                blocks[s][b] = block;
            }
        }
        return (sizes, blocks);
    }

    private int Ceil(long bytes) => (int)((bytes + BlockSize - 1) / BlockSize);

    private uint Field(byte[] super, int offset, string name, Func<uint, bool> ok, string problem)
    {
        var v = BinaryPrimitives.ReadUInt32LittleEndian(super.AsSpan(offset));
        return ok(v) ? v : throw Bad(offset, $"MSF superblock {name} {v}: {problem}");
    }

    private void CheckIndex(int index)
    {
        if (index < 0 || index >= StreamCount)
            throw Bad(null, $"stream {index} does not exist (the MSF directory lists {StreamCount} streams)");
    }

    private byte[] ReadAt(long offset, int count)
    {
        var buffer = new byte[count];
        ReadAt(offset, buffer);
        return buffer;
    }

    private void ReadAt(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset + buffer.Length > Length)
            throw Bad(offset, $"{buffer.Length} bytes at 0x{offset:X} are beyond the end of the {Length}-byte file");
        if (_bytes is not null)
        {
            _bytes.AsSpan((int)offset, buffer.Length).CopyTo(buffer);
            return;
        }
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(_file!.SafeFileHandle, buffer[done..], offset + done);
            if (n <= 0) throw Bad(offset + done, "the file ended while reading (truncated while open?)");
            done += n;
        }
    }

    internal ImageFormatException Bad(long? offset, string problem) => new(Path, offset, problem);
}
