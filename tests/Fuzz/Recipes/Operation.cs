using System.Buffers.Binary;
using System.Globalization;

namespace MemFs.Fuzz.Recipes;

/// <summary>
/// One concrete change to a seed file, written as one recipe line: <c>patch OFFSET WIDTH VALUE</c> (little-endian),
/// <c>truncate LENGTH</c>, or <c>turtle STATEMENT</c> (added to the AFF4 volume's metadata before it is written).
/// When the recipe has a <see cref="Recipe.Target"/> the operations change that file of the --files tree, except a
/// <c>patch-evidence</c> line, which patches the evidence file (memory's copy of the headers, damaged beside the file's).
/// The mutators resolve structure knowledge (which field, which pointer) into these, so a recipe replays without them.
/// </summary>
internal abstract record Operation
{
    /// <summary>What the mutator meant (a field name); kept as a comment in the recipe.</summary>
    public string Note { get; init; } = "";

    /// <summary>Changes the evidence file even when the recipe's operations are for a file of the --files tree.</summary>
    public bool OnEvidence { get; init; }

    public abstract string Text { get; }

    public sealed record Patch(long Offset, int Width, ulong Value) : Operation
    {
        public override string Text => $"{(OnEvidence ? "patch-evidence" : "patch")} 0x{Offset:X} {Width} 0x{Value:X}";

        public void Apply(byte[] file)
        {
            if (Offset < 0 || Offset + Width > file.Length) return;
            var at = file.AsSpan((int)Offset, Width);
            switch (Width)
            {
                case 1: at[0] = (byte)Value; break;
                case 2: BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)Value); break;
                case 4: BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)Value); break;
                default: BinaryPrimitives.WriteUInt64LittleEndian(at, Value); break;
            }
        }
    }

    public sealed record Truncate(long Length) : Operation
    {
        public override string Text => $"truncate 0x{Length:X}";
    }

    public sealed record Turtle(string Statement) : Operation
    {
        public override string Text => $"turtle {Statement}";
    }

    public static Operation Parse(string line)
    {
        var note = "";
        var hash = line.IndexOf(" # ", StringComparison.Ordinal);
        if (hash >= 0)
        {
            note = line[(hash + 3)..].Trim();
            line = line[..hash];
        }
        var parts = line.Split(' ', 2);
        Operation operation = parts[0] switch
        {
            "patch" => ParsePatch(parts[1].Split(' ')),
            "patch-evidence" => ParsePatch(parts[1].Split(' ')) with { OnEvidence = true },
            "truncate" => new Truncate(Hex(parts[1])),
            "turtle" => new Turtle(parts[1]),
            _ => throw new FormatException($"unknown recipe operation '{parts[0]}'"),
        };
        return operation with { Note = note };
    }

    private static Patch ParsePatch(string[] fields) =>
        new(Hex(fields[0]), int.Parse(fields[1], CultureInfo.InvariantCulture), (ulong)Hex(fields[2]));

    private static long Hex(string text) => text.StartsWith("0x", StringComparison.Ordinal)
        ? (long)ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : long.Parse(text, CultureInfo.InvariantCulture);
}
