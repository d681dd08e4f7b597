using System.Globalization;

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// A build's family layout: each field whose value is the same in every kernel of the build. A field that differs,
/// or that some kernels lack (backports such as the KVA-shadow UserDirectoryTableBase), is left out with the reason.
/// </summary>
internal static class FamilyBuilder
{
    public static PackedFamily Build(uint build, IReadOnlyList<KeyValuePair<string, PackedKernel>> kernels)
    {
        var omitted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var layouts = kernels.Select(k => k.Value.Layout).ToList();
        var layout = new PackedLayout(
            Shared("offsets", layouts.Select(l => l.Offsets).ToList(), omitted, Hex),
            Shared("bits", layouts.Select(l => l.Bits).ToList(), omitted, b => $"{b.Position}:{b.Length}"),
            Shared("sizes", layouts.Select(l => l.Sizes).ToList(), omitted, Hex),
            new Dictionary<string, ulong>(StringComparer.Ordinal));
        return new PackedFamily(build, kernels.Select(k => k.Key).Order(StringComparer.Ordinal).ToList(), Verified: true, layout, omitted);
    }

    private static Dictionary<string, T> Shared<T>(string category, IReadOnlyList<IReadOnlyDictionary<string, T>> values,
        IDictionary<string, string> omitted, Func<T, string> show) where T : notnull
    {
        var shared = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var name in values.SelectMany(v => v.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var present = values.Where(v => v.ContainsKey(name)).Select(v => v[name]).ToList();
            var distinct = present.GroupBy(v => v).OrderBy(g => show(g.Key), StringComparer.Ordinal).ToList();
            if (present.Count < values.Count)
                omitted[$"{category}.{name}"] = string.Create(CultureInfo.InvariantCulture, $"absent in {values.Count - present.Count} of {values.Count} kernels");
            else if (distinct.Count > 1)
                omitted[$"{category}.{name}"] = "differs within the build: " +
                    string.Join(", ", distinct.Select(g => string.Create(CultureInfo.InvariantCulture, $"{show(g.Key)} in {g.Count()}")));
            else
                shared[name] = present[0];
        }
        return shared;
    }

    private static string Hex(int value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
