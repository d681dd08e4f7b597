using System.Text.Json;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>
/// A Volatility 3 Intermediate Symbol File (schema 6.x): metadata, base types, user types, enums and symbols.
/// Member paths such as <c>u.VadFlags.Protection</c> are resolved by following named struct/union members,
/// because pdbconv turns named members of unnamed types into <c>__anonymous_XXXX</c> user types.
/// </summary>
internal sealed class IsfFile
{
    private IsfFile(string source, IsfMetadata metadata, IReadOnlyDictionary<string, IsfBaseType> baseTypes,
        IReadOnlyDictionary<string, IsfUserType> userTypes, IReadOnlyDictionary<string, IsfEnum> enums,
        IReadOnlyDictionary<string, IsfSymbol> symbols)
    {
        Source = source;
        Metadata = metadata;
        BaseTypes = baseTypes;
        UserTypes = userTypes;
        Enums = enums;
        Symbols = symbols;
    }

    /// <summary>Where the file came from (a path, or a path inside a zip), for messages and provenance.</summary>
    public string Source { get; }
    public IsfMetadata Metadata { get; }
    public IReadOnlyDictionary<string, IsfBaseType> BaseTypes { get; }
    public IReadOnlyDictionary<string, IsfUserType> UserTypes { get; }
    public IReadOnlyDictionary<string, IsfEnum> Enums { get; }
    public IReadOnlyDictionary<string, IsfSymbol> Symbols { get; }

    public static IsfFile Load(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses an ISF from its file bytes: xz, gzip or plain JSON.</summary>
    public static IsfFile Parse(byte[] data, string source)
    {
        var json = IsfContent.Decompress(data, source);
        try
        {
            using var document = JsonDocument.Parse(json);
            return IsfFileParser.Read(document.RootElement, source);
        }
        catch (JsonException e)
        {
            throw new IsfFormatException($"{source}: not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IsfFormatException($"{source}: not an ISF: {e.Message}", e);
        }
    }

    internal static IsfFile Create(string source, IsfMetadata metadata, IReadOnlyDictionary<string, IsfBaseType> baseTypes,
        IReadOnlyDictionary<string, IsfUserType> userTypes, IReadOnlyDictionary<string, IsfEnum> enums,
        IReadOnlyDictionary<string, IsfSymbol> symbols) => new(source, metadata, baseTypes, userTypes, enums, symbols);

    /// <summary>
    /// The member at <paramref name="memberPath"/> ("u", "u.VadFlags.Protection") of user type <paramref name="type"/>,
    /// with its offset from the start of <paramref name="type"/>; null when any step is missing.
    /// </summary>
    public IsfField? Member(string type, string memberPath)
    {
        if (!UserTypes.TryGetValue(type, out var current)) return null;
        var offset = 0;
        IsfField? field = null;
        foreach (var name in memberPath.Split('.'))
        {
            if (field is not null)
            {
                if (!field.Type.IsAggregate || field.Type.Name is null || !UserTypes.TryGetValue(field.Type.Name, out current))
                    return null;
            }
            if (current is null || !current.Fields.TryGetValue(name, out field)) return null;
            offset += field.Offset;
        }
        return field is null ? null : field with { Offset = offset };
    }

    public int? Offset(string type, string memberPath) => Member(type, memberPath)?.Offset;

    /// <summary>The bit field at the member path, or null when it is absent or not a bit field.</summary>
    public BitField? Bits(string type, string memberPath) =>
        Member(type, memberPath)?.Type is { IsBitField: true, BitPosition: { } position, BitLength: { } length }
            ? new BitField(position, length)
            : null;

    public int? Size(string type) => UserTypes.TryGetValue(type, out var t) ? t.Size : null;

    public ulong? Rva(string symbol) => Symbols.TryGetValue(symbol, out var s) ? s.Address : null;
}
