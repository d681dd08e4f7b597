using System.Buffers.Binary;
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
    private int _tags;
    private bool _capped;

    public IReadOnlyList<VmwareTag> ReadGroup(string group, long offset)
    {
        var tags = new List<VmwareTag>();
        var cursor = new StateFileCursor(source, offset);
        while (true)
        {
            var at = cursor.Position;
            if (!cursor.TryRead(2, out var head))
            {
                warnings.Add($"{source.Name}, offset 0x{at:X}: group \"{group}\" runs to the end of the file without its end tag (truncated?)");
                break;
            }
            if (head[0] == 0 && head[1] == 0) break;
            if (_tags == VmwareStateFile.MaxTags)
            {
                if (!_capped)
                    warnings.Add($"{source.Name}, offset 0x{at:X}: more than {VmwareStateFile.MaxTags:N0} tags; group \"{group}\" and later groups were read only up to here");
                _capped = true;
                break;
            }
            _tags++;
            var tag = ReadTag(group, cursor, at, head[0], head[1]);
            if (tag is null) break;
            tags.Add(tag);
        }
        return tags;
    }

    private VmwareTag? ReadTag(string group, StateFileCursor cursor, long at, byte flags, byte nameLength)
    {
        var indexCount = (flags >> 6) & 3;
        var valueSize = flags & 0x3F;
        if (!cursor.TryRead(nameLength, out var nameBytes)) return Truncated(group, at);
        var name = Encoding.ASCII.GetString(nameBytes);
        if (!cursor.TryRead(indexCount * 4, out var indexBytes)) return Truncated(group, at, name);
        var indices = new uint[indexCount];
        for (var i = 0; i < indexCount; i++) indices[i] = BinaryPrimitives.ReadUInt32LittleEndian(indexBytes[(i * 4)..]);

        if (valueSize is 62 or 63)
        {
            var width = version == 0 ? 4 : 8;
            if (!cursor.TryRead(2 * width + 2, out var sizes)) return Truncated(group, at, name);
            var size = width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(sizes) : BinaryPrimitives.ReadUInt64LittleEndian(sizes);
            var padding = BinaryPrimitives.ReadUInt16LittleEndian(sizes[(2 * width)..]);
            var dataOffset = cursor.Position + padding;
            if (dataOffset > source.Length || size > (ulong)(source.Length - dataOffset))
                throw new ImageFormatException(source.Name, at, $"group \"{group}\", tag \"{VmwareTag.Key(name, indices)}\": block of 0x{size:X} bytes at 0x{dataOffset:X} lies past the end of the file (0x{source.Length:X} bytes)");
            cursor.Skip(padding + (long)size);
            return new VmwareTag(name, indices, at, dataOffset, (long)size, true, valueSize == 62, []);
        }
        var valueAt = cursor.Position;
        if (!cursor.TryRead(valueSize, out var value)) return Truncated(group, at, name);
        return new VmwareTag(name, indices, at, valueAt, valueSize, false, false, value.ToArray());
    }

    private VmwareTag? Truncated(string group, long at, string? name = null)
    {
        warnings.Add($"{source.Name}, offset 0x{at:X}: group \"{group}\", tag {(name is null ? "" : $"\"{name}\" ")}runs past the end of the file; the group was read up to here (truncated?)");
        return null;
    }
}
