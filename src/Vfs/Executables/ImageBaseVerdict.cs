using System.Buffers.Binary;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Executables;

/// <summary>
/// OptionalHeader.ImageBase in memory: the loader may leave the file's preferred base there or write the load address
/// (an image relocated by ASLR); either is the loader's doing, not a patch, so such a value is not a difference.
/// Any other value is, and is reported as that field.
/// </summary>
internal sealed class ImageBaseVerdict
{
    public const string FieldName = "OptionalHeader.ImageBase";

    private readonly long _offset;
    private readonly int _width;

    private ImageBaseVerdict(long offset, int width, bool explained, string note)
    {
        _offset = offset;
        _width = width;
        Explained = explained;
        Note = note;
    }

    /// <summary>Whether the value is one the loader writes (the preferred base or the load address).</summary>
    public bool Explained { get; }
    public string Note { get; }

    /// <summary>The field's name when <paramref name="offset"/> (in executable.exe) lies in it.</summary>
    public string? FieldAt(long offset) => offset >= _offset && offset < _offset + _width ? FieldName : null;

    /// <summary>The verdict, or null when the headers do not locate the field or the file's preferred base is unknown.</summary>
    public static ImageBaseVerdict? Of(RecoveredImage image, VfsFile executable)
    {
        var offset = image.Headers.File.ImageBaseOffset;
        var width = image.Headers.Is64Bit ? 8 : 4;
        if (offset <= 0 || offset + width > executable.Length || image.PreferredBase is not { } preferred) return null;
        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        executable.Read(offset, bytes[..width]);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var (explained, meaning) = value == image.Image.Base ? (true, "the load address")
            : value == preferred ? (true, "the file's preferred base")
            : (false, $"neither the load address 0x{image.Image.Base:X} nor the file's preferred base 0x{preferred:X}");
        var verdict = explained ? "written by the loader, not counted as a difference" : "counted as a difference";
        return new ImageBaseVerdict(offset, width, explained, $"0x{value:X} ({meaning}): {verdict}");
    }
}
