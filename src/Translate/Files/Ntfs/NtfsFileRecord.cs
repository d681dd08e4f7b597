using MemFs.Aff4.Binary;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// An MFT record ("FILE"), with fixups applied. For a base record whose attributes spill into extension records
/// (through $ATTRIBUTE_LIST), <see cref="Attributes"/> holds the attributes of all of them.
/// </summary>
internal sealed class NtfsFileRecord
{
    private const ushort InUseFlag = 0x0001, DirectoryFlag = 0x0002;

    // FILE_RECORD_SEGMENT_HEADER (NTFS on-disk format; Windows Internals, "Master file table entries").
    private const int SequenceNumber = 0x10;
    private const int FirstAttributeOffset = 0x14;
    private const int Flags = 0x16;
    private const int BytesInUse = 0x18;
    private const int BaseFileRecordSegment = 0x20;

    // ATTRIBUTE_RECORD_HEADER: the common part, then the resident or the non-resident form.
    private const int TypeCode = 0x0;
    private const int RecordLength = 0x4;
    private const int FormCode = 0x8;
    private const int NameLength = 0x9;
    private const int NameOffset = 0x0A;
    private const int AttributeFlags = 0x0C;
    private const int Instance = 0x0E;
    private const int ValueLength = 0x10;
    private const int ValueOffset = 0x14;
    private const int LowestVcn = 0x10;
    private const int HighestVcn = 0x18;
    private const int MappingPairsOffset = 0x20;
    private const int AllocatedLength = 0x28;
    private const int FileSize = 0x30;
    private const int ValidDataLength = 0x38;
    private const int NonResidentHeaderSize = 0x40;

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

        var r = at.Reader(record);
        var sequence = r.U16(SequenceNumber);
        int firstAttribute = r.U16(FirstAttributeOffset);
        var flags = r.U16(Flags);
        var bytesInUse = r.U32(BytesInUse);
        var baseRaw = r.U64(BaseFileRecordSegment);
        if (bytesInUse > record.Length || bytesInUse < 0x30)
            throw at.Error(BytesInUse, $"MFT record {recordNumber}: bytes in use {bytesInUse} outside the {record.Length}-byte record");
        if (firstAttribute < 0x30 || firstAttribute + 4 > bytesInUse)
            throw at.Error(FirstAttributeOffset, $"MFT record {recordNumber}: first attribute offset 0x{firstAttribute:X} outside the used record");

        return new NtfsFileRecord
        {
            RecordNumber = recordNumber,
            ImageName = at.Image,
            Sequence = sequence,
            IsInUse = (flags & InUseFlag) != 0,
            IsDirectory = (flags & DirectoryFlag) != 0,
            BaseRecord = baseRaw == 0 ? null : NtfsFileReference.From(baseRaw),
            Attributes = ParseAttributes(r.Slice(0, bytesInUse, at.Structure), firstAttribute, recordNumber, boot, at),
        };
    }

    private static List<NtfsAttribute> ParseAttributes(BoundedReader used, int offset, long recordNumber, NtfsBootSector boot, NtfsLocation at)
    {
        var attributes = new List<NtfsAttribute>();
        while (true)
        {
            if (offset + 4 > used.Length)
                throw at.Error(offset, $"MFT record {recordNumber}: attributes run past the used record without an end marker");
            var type = used.U32(offset + TypeCode, "TypeCode");
            if (type == (uint)NtfsAttributeType.End) return attributes;
            if (offset + 0x18 > used.Length)
                throw at.Error(offset, $"MFT record {recordNumber}: attribute header at 0x{offset:X} runs past the used record");
            var length = used.U32(offset + RecordLength, "RecordLength");
            if (length < 0x18 || length % 8 != 0 || length > used.Length - offset)
                throw at.Error(offset + RecordLength, $"MFT record {recordNumber}: attribute 0x{type:X} length {length} runs past the record's {used.Length} used bytes");
            var attribute = at with { Offset = at.Offset + offset, Structure = $"MFT record {recordNumber} attribute 0x{type:X}" };
            attributes.Add(ParseAttribute(attribute.Reader(used.Bytes(offset, length, "attribute")), type, recordNumber, boot, at with { Offset = at.Offset + offset }));
            offset += (int)length;
        }
    }

    private static NtfsAttribute ParseAttribute(BoundedReader a, uint type, long recordNumber, NtfsBootSector boot, NtfsLocation at)
    {
        var what = a.Structure;
        var nonResident = a.U8(FormCode) != 0;
        int nameChars = a.U8(NameLength);
        int nameOffset = a.U16(NameOffset);
        var flags = (NtfsAttributeFlags)a.U16(AttributeFlags);
        var id = a.U16(Instance);
        if (nameChars > 0 && nameOffset + 2 * nameChars > a.Length)
            throw at.Error(NameOffset, $"{what}: name runs past the attribute");
        var name = nameChars == 0 ? "" : a.Utf16(nameOffset, nameChars, "Name");

        if (!nonResident)
        {
            var valueLength = a.U32(ValueLength);
            int valueOffset = a.U16(ValueOffset);
            if (valueOffset > a.Length || valueLength > a.Length - valueOffset)
                throw at.Error(ValueLength, $"{what}: resident value of {valueLength} bytes at 0x{valueOffset:X} runs past the {a.Length}-byte attribute");
            return new NtfsAttribute
            {
                Type = (NtfsAttributeType)type, Name = name, Flags = flags, Id = id, RecordNumber = recordNumber,
                DiskOffset = at.Offset, Value = a.Bytes(valueOffset, valueLength, "Value").ToArray(),
            };
        }

        if (a.Length < NonResidentHeaderSize) throw at.Error(RecordLength, $"{what}: non-resident header needs 0x40 bytes, attribute has {a.Length}");
        var startVcn = a.I64(LowestVcn);
        var lastVcn = a.I64(HighestVcn);
        int runsOffset = a.U16(MappingPairsOffset);
        var allocated = a.I64(AllocatedLength);
        var dataSize = a.I64(FileSize);
        var initialized = a.I64(ValidDataLength);
        var maxVcn = long.MaxValue / boot.ClusterSize;
        if (startVcn < 0 || lastVcn < startVcn - 1 || lastVcn >= maxVcn)
            throw at.Error(LowestVcn, $"{what}: VCN range 0x{startVcn:X}..0x{lastVcn:X} is invalid");
        if (runsOffset < 0x40 || runsOffset > a.Length)
            throw at.Error(MappingPairsOffset, $"{what}: runlist offset 0x{runsOffset:X} outside the attribute");
        if (startVcn == 0 && (allocated < 0 || allocated % boot.ClusterSize != 0 || dataSize < 0 || dataSize > allocated || initialized < 0 || initialized > dataSize))
            throw at.Error(AllocatedLength, $"{what}: sizes are inconsistent (allocated {allocated}, data {dataSize}, initialized {initialized})");
        var runs = NtfsRunList.Decode(a.Bytes(runsOffset, a.Length - runsOffset, "MappingPairs"), startVcn, lastVcn, boot.TotalClusters, at with { Offset = at.Offset + runsOffset, Structure = $"{what} runlist" });
        return new NtfsAttribute
        {
            Type = (NtfsAttributeType)type, Name = name, Flags = flags, Id = id, RecordNumber = recordNumber,
            DiskOffset = at.Offset, StartVcn = startVcn, LastVcn = lastVcn, AllocatedSize = allocated,
            DataSize = dataSize, InitializedSize = initialized, Runs = runs,
        };
    }
}
