using System.Globalization;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Isf;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>
/// shared/data/symbols/jpcert_ntkrnlmp_layouts.csv: one row per JPCERT kernel. Columns "EPROCESS.UniqueProcessId"
/// are offsets of "_EPROCESS.UniqueProcessId", "VadFlags.Protection_bit" bit positions in _MMVAD_FLAGS,
/// "sizeof_EPROCESS" the size of _EPROCESS; offsets and sizes are written 0x…, bits in decimal, absent values empty.
/// </summary>
internal sealed class LayoutsCsv
{
    public const string FileName = "jpcert_ntkrnlmp_layouts.csv";
    private static readonly HashSet<string> Labels = ["ntoskrnl_version", "os_label", "pdb_guid_age", "isf_xz_bytes"];

    private LayoutsCsv(IReadOnlyList<string> valueColumns, IReadOnlyList<LayoutsRow> rows)
    {
        ValueColumns = valueColumns;
        Rows = rows;
    }

    /// <summary>The columns holding a value read from the ISF.</summary>
    public IReadOnlyList<string> ValueColumns { get; }
    public IReadOnlyList<LayoutsRow> Rows { get; }

    public static LayoutsCsv Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            Assert.That(cells, Has.Length.EqualTo(header.Length), line);
            var byName = header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            var guidAge = byName["pdb_guid_age"].Split('-');
            return new LayoutsRow(byName["ntoskrnl_version"], PdbIds.Format(guidAge[0], uint.Parse(guidAge[1], CultureInfo.InvariantCulture)),
                long.Parse(byName["isf_xz_bytes"], CultureInfo.InvariantCulture), byName);
        }).ToList();
        return new LayoutsCsv(header.Where(h => !Labels.Contains(h)).ToList(), rows);
    }

    /// <summary>The ISF's value for a column, in the CSV's notation, through the generic lookup API.</summary>
    public static string Lookup(IsfFile isf, string column)
    {
        if (column.StartsWith("sizeof_", StringComparison.Ordinal)) return Hex(isf.Size("_" + column["sizeof_".Length..]));
        if (column.EndsWith("_bit", StringComparison.Ordinal))
        {
            var (type, member) = Split(column[..^"_bit".Length]);
            return isf.Bits(type, member)?.Position.ToString(CultureInfo.InvariantCulture) ?? "";
        }
        var (t, m) = Split(column);
        return Hex(isf.Offset(t, m));
    }

    /// <summary>The same value from a <see cref="KernelProfile"/>, or null when the column is not one of <see cref="KernelFields"/>.</summary>
    public static string? Lookup(KernelProfile profile, string column)
    {
        if (column.StartsWith("sizeof_", StringComparison.Ordinal))
        {
            var name = "_" + column["sizeof_".Length..];
            return KernelFields.Sizes.Contains(name) ? Hex(profile.Size(name)) : null;
        }
        if (column.EndsWith("_bit", StringComparison.Ordinal))
        {
            var (type, member) = Split(column[..^"_bit".Length]);
            var name = $"{type}.{member}";
            return KernelFields.Bits.Contains(name) ? profile.Bit(name)?.Position.ToString(CultureInfo.InvariantCulture) ?? "" : null;
        }
        var (t, m) = Split(column);
        return KernelFields.Offsets.Contains($"{t}.{m}") ? Hex(profile.Offset($"{t}.{m}")) : null;
    }

    private static (string Type, string Member) Split(string column)
    {
        var (type, member) = IsfProfileReader.Split(column);
        return (type == "VadFlags" ? "_MMVAD_FLAGS" : "_" + type, member);
    }

    private static string Hex(int? value) => value is { } v ? "0x" + v.ToString("x", CultureInfo.InvariantCulture) : "";
}
