using System.Buffers.Binary;
using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>
/// Sets fields of the AFF4 volume's Zip records (APPNOTE 6.3.x: local file header 4.3.7, central directory header
/// 4.3.12, Zip64 end of central directory record 4.3.14 and locator 4.3.15, end of central directory 4.3.16) to edges.
/// </summary>
internal sealed class ZipRecordMutator : IMutator
{
    private static readonly Lazy<IReadOnlyList<HeaderField>> Fields = new(() => Find(SeedEvidence.Instance.Aff4Base));

    public string Name => "zip";

    public bool Applies(SeedKind kind) => kind == SeedKind.Aff4;

    public IReadOnlyList<Operation> Mutate(Random random, SeedKind kind, SeedEvidence seeds)
    {
        var fields = Fields.Value;
        var operations = new List<Operation>();
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var field = fields[random.Next(fields.Count)];
            operations.Add(new Operation.Patch(field.Offset, field.Width, FieldValues.Pick(random, field.Width, FieldKind.Number, [], seeds.Aff4Base.Length)) { Note = field.Name });
        }
        return operations;
    }

    private static List<HeaderField> Find(byte[] zip)
    {
        var fields = new List<HeaderField>();
        for (var at = 0; at + 4 <= zip.Length; at++)
        {
            switch (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)))
            {
                case 0x04034B50:
                    fields.AddRange([new(at + 8, 2, "local compression"), new(at + 18, 4, "local compressed size"), new(at + 22, 4, "local uncompressed size"),
                        new(at + 26, 2, "local name length"), new(at + 28, 2, "local extra length")]);
                    break;
                case 0x02014B50:
                    fields.AddRange([new(at + 10, 2, "central compression"), new(at + 20, 4, "central compressed size"), new(at + 24, 4, "central uncompressed size"),
                        new(at + 28, 2, "central name length"), new(at + 30, 2, "central extra length"), new(at + 42, 4, "central local header offset")]);
                    break;
                case 0x06064B50:
                    fields.AddRange([new(at + 24, 8, "zip64 entries on disk"), new(at + 32, 8, "zip64 entries"), new(at + 40, 8, "zip64 directory size"), new(at + 48, 8, "zip64 directory offset")]);
                    break;
                case 0x07064B50:
                    fields.AddRange([new(at + 8, 8, "zip64 locator record offset"), new(at + 16, 4, "zip64 locator disks")]);
                    break;
                case 0x06054B50:
                    fields.AddRange([new(at + 10, 2, "end entries"), new(at + 12, 4, "end directory size"), new(at + 16, 4, "end directory offset"), new(at + 20, 2, "end comment length")]);
                    break;
            }
        }
        return fields;
    }
}
