namespace MemFs.Vfs.Pictures;

/// <summary>
/// The colour and legend label of every value of an enumeration, in legend order. Construction fails when a value
/// has no entry, so a new page state cannot silently go undrawn.
/// </summary>
internal sealed class Palette<TKey> where TKey : struct, Enum
{
    private readonly Dictionary<TKey, (Rgb Colour, string Label, int Position)> _entries;

    public Palette(params (TKey Key, Rgb Colour, string Label)[] entries)
    {
        _entries = entries.Select((e, i) => (e, i)).ToDictionary(p => p.e.Key, p => (p.e.Colour, p.e.Label, p.i));
        var missing = Enum.GetValues<TKey>().Where(k => !_entries.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"no colour for {typeof(TKey).Name} {string.Join(", ", missing)}", nameof(entries));
        Keys = entries.Select(e => e.Key).ToArray();
    }

    /// <summary>Every value, in the order the legend lists them.</summary>
    public IReadOnlyList<TKey> Keys { get; }

    public Rgb Colour(TKey key) => _entries[key].Colour;

    public string Label(TKey key) => _entries[key].Label;

    /// <summary>The value's place in <see cref="Keys"/>: its line or slot in a legend.</summary>
    public int Position(TKey key) => _entries[key].Position;
}
