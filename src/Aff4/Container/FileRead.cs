using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>Positional reads through <see cref="RandomAccess"/>; no shared file position.</summary>
internal static class FileRead
{
    /// <summary>Fills <paramref name="destination"/> or throws: the caller has already checked the range.</summary>
    public static void Exactly(SafeFileHandle file, Span<byte> destination, long position, string path, string? member, string what)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var n = RandomAccess.Read(file, destination[done..], position + done);
            if (n == 0)
                throw new Aff4Exception($"unexpected end of file while reading {what} ({done} of {destination.Length} bytes read)",
                    path, member, position + done);
            done += n;
        }
    }

    public static bool HasSignature(SafeFileHandle file, long position, long fileLength, uint signature)
    {
        if (position < 0 || position > fileLength - 4) return false;
        Span<byte> buffer = stackalloc byte[4];
        var done = 0;
        while (done < 4)
        {
            var n = RandomAccess.Read(file, buffer[done..], position + done);
            if (n == 0) return false;
            done += n;
        }
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(buffer) == signature;
    }
}
