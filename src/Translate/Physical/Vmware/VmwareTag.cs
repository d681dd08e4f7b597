using System.Buffers.Binary;

namespace MemFs.Translate.Physical.Vmware;

/// <summary>
/// One tag of a VMware state file group. Short tags carry their value (<see cref="Value"/>); block
/// ("long") tags are only located (<see cref="DataOffset"/>, <see cref="DataSize"/>), never read whole.
/// </summary>
internal sealed record VmwareTag(string Name, IReadOnlyList<uint> Indices, long Offset, long DataOffset, long DataSize, bool IsBlock, bool IsCompressed, byte[] Value)
{
    /// <summary>A 1, 2, 4 or 8 byte value as unsigned little-endian; null for other sizes and blocks.</summary>
    public ulong? Number => IsBlock ? null : Value.Length switch
    {
        1 => Value[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(Value),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(Value),
        8 => BinaryPrimitives.ReadUInt64LittleEndian(Value),
        _ => null,
    };

    public static string Key(string name, ReadOnlySpan<uint> indices)
    {
        if (indices.Length == 0) return name;
        var key = new System.Text.StringBuilder(name);
        foreach (var index in indices) key.Append('[').Append(index).Append(']');
        return key.ToString();
    }

    public override string ToString() => Key(Name, Indices.ToArray());
}
