using System.Buffers.Binary;
using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>
/// Damages one PE file of the <c>--files</c> tree (<see cref="PeFileFields"/>): header fields set to edge values or
/// to another field's value (sections that overlap, a raw pointer into the headers), a planted debug directory or
/// certificate table whose sizes and offsets are absurd, the file cut short at any point, or emptied.
/// </summary>
internal static class PeFileMutator
{
    /// <summary>Changes to <paramref name="file"/> (the recipe's <see cref="Recipe.Target"/>).</summary>
    public static IReadOnlyList<Operation> Mutate(Random random, byte[] file)
    {
        var fields = PeFileFields.Of(file);
        var operations = new List<Operation>();
        switch (random.Next(10))
        {
            case < 5:
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    var field = fields[random.Next(fields.Count)];
                    operations.Add(new Operation.Patch(field.Offset, field.Width, Value(random, field, fields, file)) { Note = field.Name });
                }
                break;
            case 5:
                operations.AddRange(DebugDirectory(random, file));
                break;
            case 6:
                var table = PeFileFields.DirectoryEntry(file, 4);
                operations.Add(new Operation.Patch(table, 4, FieldValues.Pick(random, 4, FieldKind.Number, [], file.Length)) { Note = "certificate table file offset" });
                operations.Add(new Operation.Patch(table + 4, 4, FieldValues.Pick(random, 4, FieldKind.Number, [], file.Length)) { Note = "certificate table size" });
                break;
        }
        if (operations.Count == 0 || random.Next(4) == 0) operations.Add(Truncation(random, file.Length));
        return operations;
    }

    /// <summary>An edge value, or (one time in three) the value of another field of the file, give or take a little.</summary>
    private static ulong Value(Random random, HeaderField field, IReadOnlyList<HeaderField> fields, byte[] file)
    {
        if (random.Next(3) > 0) return FieldValues.Pick(random, field.Width, FieldKind.Number, [], file.Length);
        var other = fields[random.Next(fields.Count)];
        var value = other.Width == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan((int)other.Offset)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)other.Offset));
        var shifted = (ulong)value + (ulong)(random.Next(3) == 0 ? random.Next(-0x10, 0x10) : 0);
        return field.Width == 2 ? shifted & 0xFFFF : shifted & 0xFFFF_FFFF;
    }

    /// <summary>IMAGE_DEBUG_DIRECTORY entries at the start of section 1's raw data (a CodeView type), their SizeOfData, AddressOfRawData and PointerToRawData absurd.</summary>
    private static IEnumerable<Operation> DebugDirectory(Random random, byte[] file)
    {
        var section = PeFileFields.SectionHeader(file, 1);
        var rva = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(section + 12));
        var raw = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(section + 20));
        var entries = random.Next(4) == 0 ? (ulong)FieldValues.Pick(random, 4, FieldKind.Number, [], file.Length) : (ulong)(random.Next(1, 4) * PeFileFields.DebugEntrySize);
        var directory = PeFileFields.DirectoryEntry(file, PeFileFields.DebugDirectory);
        yield return new Operation.Patch(directory, 4, rva) { Note = "debug directory RVA" };
        yield return new Operation.Patch(directory + 4, 4, entries & 0xFFFF_FFFF) { Note = "debug directory size" };
        yield return new Operation.Patch(raw + 12, 4, 2) { Note = "debug entry Type (CodeView)" };
        yield return new Operation.Patch(raw + 16, 4, FieldValues.Pick(random, 4, FieldKind.Number, [], file.Length)) { Note = "debug entry SizeOfData" };
        yield return new Operation.Patch(raw + 20, 4, FieldValues.Pick(random, 4, FieldKind.Number, [], file.Length)) { Note = "debug entry AddressOfRawData" };
        yield return new Operation.Patch(raw + 24, 4, FieldValues.Pick(random, 4, FieldKind.Number, [], file.Length)) { Note = "debug entry PointerToRawData" };
    }

    /// <summary>The file emptied, cut inside its headers, anywhere, or a few bytes short.</summary>
    private static Operation.Truncate Truncation(Random random, long length)
    {
        long at = random.Next(4) switch
        {
            0 => 0,
            1 => random.NextInt64(1, Math.Min(0x400, length)),
            2 => random.NextInt64(1, length),
            _ => length - random.NextInt64(1, Math.Min(0x200, length)),
        };
        return new Operation.Truncate(at) { Note = $"of 0x{length:X}" };
    }
}
