using System.Buffers.Binary;
using System.Text;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// An MFT record ("FILE"), with fixups applied. For a base record whose attributes spill into extension records
/// (through $ATTRIBUTE_LIST), <see cref="Attributes"/> holds the attributes of all of them.
/// </summary>
public sealed class NtfsFileRecord
{
    private const ushort InUseFlag = 0x0001, DirectoryFlag = 0x0002;

    public required long RecordNumber { get; init; }
    public required ushort Sequence { get; init; }
    public required bool IsInUse { get; init; }
    public required bool IsDirectory { get; init; }
    /// <summary>The base record this one extends, or null for a base record.</summary>
    public required NtfsFileReference? BaseRecord { get; init; }
    public required IReadOnlyList<NtfsAttribute> Attributes { get; init; }
    internal string ImageName { get; init; } = "";

    public IEnumerable<NtfsFileName> FileNames =>
        Attributes.Where(a => a.Type == NtfsAttributeType.FileName && a.Value is not null)
            .Select(a => NtfsFileName.Parse(a.Value, new NtfsLocation(ImageName, a.DiskOffset, $"MFT record {a.RecordNumber} $FILE_NAME")));

    /// <summary>The Win32 (or POSIX) name, else the DOS name, else the record number.</summary>
    public string DisplayName =>
        FileNames.OrderBy(n => n.Namespace == NtfsFileNameNamespace.Dos ? 1 : 0).Select(n => n.Name).FirstOrDefault() ?? $"MFT record {RecordNumber}";

    internal NtfsFileRecord WithAttributes(IReadOnlyList<NtfsAttribute> attributes) => new()
    {
        RecordNumber = RecordNumber, Sequence = Sequence, IsInUse = IsInUse, IsDirectory = IsDirectory,
        BaseRecord = BaseRecord, Attributes = attributes, ImageName = ImageName,
    };

    /// <summary>Parses a record read from the $MFT (fixups not yet applied; done here in place).</summary>
    internal static NtfsFileRecord Parse(byte[] record, long recordNumber, NtfsBootSector boot, NtfsLocation at)
    {
        if (!record.AsSpan(0, 4).SequenceEqual("FILE"u8))
            throw at.Error(0, $"MFT record {recordNumber} has no \"FILE\" signature");
        if (NtfsFixups.Apply(record) is { } problem) throw at.Error(0, $"MFT record {recordNumber}: {problem}");

        var span = record.AsSpan();
        var sequence = BinaryPrimitives.ReadUInt16LittleEndian(span[0x10..]);
        int firstAttribute = BinaryPrimitives.ReadUInt16LittleEndian(span[0x14..]);
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[0x16..]);
        var bytesInUse = BinaryPrimitives.ReadUInt32LittleEndian(span[0x18..]);
        var baseRaw = BinaryPrimitives.ReadUInt64LittleEndian(span[0x20..]);
        if (bytesInUse > record.Length || bytesInUse < 0x30)
            throw at.Error(0x18, $"MFT record {recordNumber}: bytes in use {bytesInUse} outside the {record.Length}-byte record");
        if (firstAttribute < 0x30 || firstAttribute + 4 > bytesInUse)
            throw at.Error(0x14, $"MFT record {recordNumber}: first attribute offset 0x{firstAttribute:X} outside the used record");

        return new NtfsFileRecord
        {
            RecordNumber = recordNumber,
            ImageName = at.Image,
            Sequence = sequence,
            IsInUse = (flags & InUseFlag) != 0,
            IsDirectory = (flags & DirectoryFlag) != 0,
            BaseRecord = baseRaw == 0 ? null : NtfsFileReference.From(baseRaw),
            Attributes = ParseAttributes(span[..(int)bytesInUse], firstAttribute, recordNumber, boot, at),
        };
    }

    private static List<NtfsAttribute> ParseAttributes(ReadOnlySpan<byte> used, int offset, long recordNumber, NtfsBootSector boot, NtfsLocation at)
    {
        var attributes = new List<NtfsAttribute>();
        while (true)
        {
            if (offset + 4 > used.Length)
                throw at.Error(offset, $"MFT record {recordNumber}: attributes run past the used record without an end marker");
            var type = BinaryPrimitives.ReadUInt32LittleEndian(used[offset..]);
            if (type == (uint)NtfsAttributeType.End) return attributes;
            if (offset + 0x18 > used.Length)
                throw at.Error(offset, $"MFT record {recordNumber}: attribute header at 0x{offset:X} runs past the used record");
            var length = BinaryPrimitives.ReadUInt32LittleEndian(used[(offset + 4)..]);
            if (length < 0x18 || length % 8 != 0 || length > used.Length - offset)
                throw at.Error(offset + 4, $"MFT record {recordNumber}: attribute 0x{type:X} length {length} runs past the record's {used.Length} used bytes");
            attributes.Add(ParseAttribute(used.Slice(offset, (int)length), type, recordNumber, boot, at with { Offset = at.Offset + offset }));
            offset += (int)length;
        }
    }

    private static NtfsAttribute ParseAttribute(ReadOnlySpan<byte> a, uint type, long recordNumber, NtfsBootSector boot, NtfsLocation at)
    {
        var what = $"MFT record {recordNumber} attribute 0x{type:X}";
        var nonResident = a[8] != 0;
        int nameChars = a[9];
        int nameOffset = BinaryPrimitives.ReadUInt16LittleEndian(a[0x0A..]);
        var flags = (NtfsAttributeFlags)BinaryPrimitives.ReadUInt16LittleEndian(a[0x0C..]);
        var id = BinaryPrimitives.ReadUInt16LittleEndian(a[0x0E..]);
        if (nameChars > 0 && nameOffset + 2 * nameChars > a.Length)
            throw at.Error(0x0A, $"{what}: name runs past the attribute");
        var name = nameChars == 0 ? "" : Encoding.Unicode.GetString(a.Slice(nameOffset, 2 * nameChars));

        if (!nonResident)
        {
            var valueLength = BinaryPrimitives.ReadUInt32LittleEndian(a[0x10..]);
            int valueOffset = BinaryPrimitives.ReadUInt16LittleEndian(a[0x14..]);
            if (valueOffset > a.Length || valueLength > a.Length - valueOffset)
                throw at.Error(0x10, $"{what}: resident value of {valueLength} bytes at 0x{valueOffset:X} runs past the {a.Length}-byte attribute");
            return new NtfsAttribute
            {
                Type = (NtfsAttributeType)type, Name = name, Flags = flags, Id = id, RecordNumber = recordNumber,
                DiskOffset = at.Offset, Value = a.Slice(valueOffset, (int)valueLength).ToArray(),
            };
        }

        if (a.Length < 0x40) throw at.Error(4, $"{what}: non-resident header needs 0x40 bytes, attribute has {a.Length}");
        var startVcn = BinaryPrimitives.ReadInt64LittleEndian(a[0x10..]);
        var lastVcn = BinaryPrimitives.ReadInt64LittleEndian(a[0x18..]);
        int runsOffset = BinaryPrimitives.ReadUInt16LittleEndian(a[0x20..]);
        var allocated = BinaryPrimitives.ReadInt64LittleEndian(a[0x28..]);
        var dataSize = BinaryPrimitives.ReadInt64LittleEndian(a[0x30..]);
        var initialized = BinaryPrimitives.ReadInt64LittleEndian(a[0x38..]);
        var maxVcn = long.MaxValue / boot.ClusterSize;
        if (startVcn < 0 || lastVcn < startVcn - 1 || lastVcn >= maxVcn)
            throw at.Error(0x10, $"{what}: VCN range 0x{startVcn:X}..0x{lastVcn:X} is invalid");
        if (runsOffset < 0x40 || runsOffset > a.Length)
            throw at.Error(0x20, $"{what}: runlist offset 0x{runsOffset:X} outside the attribute");
        if (startVcn == 0 && (allocated < 0 || allocated % boot.ClusterSize != 0 || dataSize < 0 || dataSize > allocated || initialized < 0 || initialized > dataSize))
            throw at.Error(0x28, $"{what}: sizes are inconsistent (allocated {allocated}, data {dataSize}, initialized {initialized})");
        var runs = NtfsRunList.Decode(a[runsOffset..], startVcn, lastVcn, boot.TotalClusters, at with { Offset = at.Offset + runsOffset, Structure = $"{what} runlist" });
        return new NtfsAttribute
        {
            Type = (NtfsAttributeType)type, Name = name, Flags = flags, Id = id, RecordNumber = recordNumber,
            DiskOffset = at.Offset, StartVcn = startVcn, LastVcn = lastVcn, AllocatedSize = allocated,
            DataSize = dataSize, InitializedSize = initialized, Runs = runs,
        };
    }
}
