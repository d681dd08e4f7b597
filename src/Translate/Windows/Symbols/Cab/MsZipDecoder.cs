using System.IO.Compression;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Symbols.Cab;

/// <summary>
/// Decodes the MSZIP blocks of one CAB folder ([MS-MCI] 2.1): each CFDATA block is "CK" followed by a raw deflate
/// stream (RFC 1951) that ends with a final block and may copy from the last 32 KiB the folder's previous blocks
/// produced. DeflateStream takes no preset dictionary, so that history is fed to it first as one stored (uncompressed)
/// deflate block: stored blocks end on a byte boundary, so the block's own data follows directly and its back
/// references reach into the history like any match in one stream.
/// </summary>
internal sealed class MsZipDecoder(string file)
{
    /// <summary>The deflate window: the farthest a match may reach back (RFC 1951 §3.2.5).</summary>
    public const int WindowBytes = 32 * 1024;

    /// <summary>The most a CFDATA block may hold uncompressed ([MS-CAB] 2.4: cbUncomp is at most 0x8000).</summary>
    public const int MaxBlockBytes = 32 * 1024;

    private byte[] _history = [];

    /// <summary>Decodes one block at <paramref name="offset"/> in the cabinet, which must yield exactly <paramref name="uncompressed"/> bytes.</summary>
    public byte[] Decode(ReadOnlySpan<byte> block, int uncompressed, long offset)
    {
        if (uncompressed is < 0 or > MaxBlockBytes)
            throw new ImageFormatException(file, offset, $"CFDATA cbUncomp {uncompressed} exceeds the MSZIP block limit {MaxBlockBytes}");
        if (block.Length < 2 || block[0] != (byte)'C' || block[1] != (byte)'K')
            throw new ImageFormatException(file, offset, "MSZIP block does not start with the signature \"CK\"");

        using var input = new MemoryStream(5 + _history.Length + block.Length - 2);
        if (_history.Length > 0)
        {
            // Stored block header: BFINAL 0, BTYPE 00, padded to the byte; then LEN and its one's complement.
            input.WriteByte(0);
            var length = (ushort)_history.Length;
            input.Write([(byte)length, (byte)(length >> 8), (byte)~length, (byte)(~length >> 8)]);
            input.Write(_history);
        }
        input.Write(block[2..]);
        input.Position = 0;

        var output = new byte[_history.Length + uncompressed];
        int total;
        try
        {
            using var inflate = new DeflateStream(input, CompressionMode.Decompress);
            total = inflate.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
            if (total == output.Length && inflate.Read(new byte[1]) > 0)
                throw new ImageFormatException(file, offset, $"MSZIP block decodes to more than the {uncompressed} bytes CFDATA declares");
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException(file, offset, $"MSZIP block is not valid deflate data: {e.Message}");
        }
        if (total != output.Length)
            throw new ImageFormatException(file, offset, $"MSZIP block decodes to {total - _history.Length} bytes, CFDATA declares {uncompressed}");

        var keep = Math.Min(WindowBytes, output.Length);
        _history = output[^keep..];
        return output[^uncompressed..];
    }
}
