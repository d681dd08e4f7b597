using System.Text;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Vmware;

/// <summary>
/// Tags: byte flags, byte nameLength, name, ((flags &gt;&gt; 6) &amp; 3) u32 indices, then flags &amp; 0x3F
/// value bytes, or for 62 (compressed) and 63 a block: size and in-memory size (u32 in version 0, else
/// u64), a u16 padding length, the padding, then the data.
/// </summary>
internal sealed class VmwareTagWalker(IByteSource source, int version, List<string> warnings)
{
    // The tag fields described above: flags and nameLength, the u32 indices, and a block's size then padding length.
    private const int TagHeaderSize = 2;
    private const int Flags = 0;
    private const int NameLength = 1;
    private const int IndexSize = 4;
    private const int CompressedBlock = 62;
    private const int Block = 63;
    private const int BlockSize = 0;

    private int _tags;
    private bool _capped;

    public IReadOnlyList<VmwareTag> ReadGroup(string group, long offset)
    {
        var tags = new List<VmwareTag>();
        var cursor = new StateFileCursor(source, offset);
        while (true)
        {
            var at = cursor.Position;
            if (!cursor.TryRead(TagHeaderSize, "tag header", out var head))
            {
                warnings.Add($"{source.Name}, offset 0x{at:X}: group \"{group}\" runs to the end of the file without its end tag (truncated?)");
                break;
            }
            var (flags, nameLength) = (head.U8(Flags, "flags"), head.U8(NameLength, "nameLength"));
            if (flags == 0 && nameLength == 0) break;
            if (_tags == VmwareStateFile.MaxTags)
            {
                if (!_capped)
                    warnings.Add($"{source.Name}, offset 0x{at:X}: more than {VmwareStateFile.MaxTags:N0} tags; group \"{group}\" and later groups were read only up to here");
                _capped = true;
                break;
            }
            _tags++;
            var tag = ReadTag(group, cursor, at, flags, nameLength);
            if (tag is null) break;
            tags.Add(tag);
        }
        return tags;
    }

    private VmwareTag? ReadTag(string group, StateFileCursor cursor, long at, byte flags, byte nameLength)
    {
        var indexCount = (flags >> 6) & 3;
        var valueSize = flags & 0x3F;
        if (!cursor.TryRead(nameLength, "tag name", out var nameBytes)) return Truncated(group, at);
        var name = Encoding.ASCII.GetString(nameBytes.Span);
        if (!cursor.TryRead(indexCount * IndexSize, "tag indices", out var indexBytes)) return Truncated(group, at, name);
        var indices = new uint[indexCount];
        for (var i = 0; i < indexCount; i++) indices[i] = indexBytes.U32(i * IndexSize, "index");

        if (valueSize is CompressedBlock or Block)
        {
            var width = version == 0 ? 4 : 8;
            if (!cursor.TryRead(2 * width + 2, "block header", out var sizes)) return Truncated(group, at, name);
            var size = width == 4 ? sizes.U32(BlockSize, "size") : sizes.U64(BlockSize, "size");
            var padding = sizes.U16(2 * width, "paddingLength");
            var dataOffset = cursor.Position + padding;
            if (dataOffset > source.Length || size > (ulong)(source.Length - dataOffset))
                throw new ImageFormatException(source.Name, at, $"group \"{group}\", tag \"{VmwareTag.Key(name, indices)}\": block of 0x{size:X} bytes at 0x{dataOffset:X} lies past the end of the file (0x{source.Length:X} bytes)");
            cursor.Skip(padding + (long)size);
            return new VmwareTag(name, indices, at, dataOffset, (long)size, true, valueSize == CompressedBlock, []);
        }
        var valueAt = cursor.Position;
        if (!cursor.TryRead(valueSize, "tag value", out var value)) return Truncated(group, at, name);
        return new VmwareTag(name, indices, at, valueAt, valueSize, false, false, value.Span.ToArray());
    }

    private VmwareTag? Truncated(string group, long at, string? name = null)
    {
        warnings.Add($"{source.Name}, offset 0x{at:X}: group \"{group}\", tag {(name is null ? "" : $"\"{name}\" ")}runs past the end of the file; the group was read up to here (truncated?)");
        return null;
    }
}
