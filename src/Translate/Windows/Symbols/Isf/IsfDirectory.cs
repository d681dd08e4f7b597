using System.IO.Compression;
using System.Text.Json;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>
/// An index of the ISFs under a folder (recursively, including entries of <c>*.zip</c> archives) or in one zip, keyed
/// by PDB id (GUID + age in hex) as Volatility keys them (a single ISF file is accepted too): by <c>metadata.windows.pdb</c>. Files named like
/// Volatility's <c>&lt;GUID&gt;-&lt;AGE&gt;.json.xz</c> are indexed by name and checked against their metadata
/// when loaded; other files are opened once to read their metadata.
/// </summary>
internal sealed class IsfDirectory
{
    private static readonly string[] Extensions = [".json", ".json.xz", ".json.gz"];

    private readonly Dictionary<string, IsfLocation> _index = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    private IsfDirectory(string path) => Root = path;

    public string Root { get; }

    public IReadOnlyCollection<string> Ids => _index.Keys;

    /// <summary>Files that looked like ISFs but could not be indexed, each with the reason.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public static IsfDirectory Open(string path)
    {
        var directory = new IsfDirectory(Path.GetFullPath(path));
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) directory.IndexZip(file);
                else if (IsIsfName(file)) directory.IndexFile(file);
        }
        else if (File.Exists(path) && IsIsfName(path)) directory.IndexFile(path);
        else if (File.Exists(path)) directory.IndexZip(path);
        else throw new DirectoryNotFoundException($"symbol path not found: {path}");
        return directory;
    }

    public IsfLocation? Locate(string pdbId) => _index.GetValueOrDefault(PdbIds.Normalize(pdbId));

    /// <summary>The ISF for <paramref name="pdbId"/>, or null when the index has none.</summary>
    public IsfFile? Load(string pdbId)
    {
        var id = PdbIds.Normalize(pdbId);
        if (Locate(id) is not { } location) return null;
        var isf = IsfFile.Parse(ReadBytes(location), location.ToString());
        if (isf.Metadata.Pdb?.Id != id)
            throw new IsfFormatException($"{location}: expected PDB {id}, the file's metadata says {isf.Metadata.Pdb?.Id ?? "(no windows.pdb)"}");
        return isf;
    }

    private static bool IsIsfName(string name) => Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private void IndexFile(string file) => Add(new IsfLocation(file, null));

    private void IndexZip(string zipPath)
    {
        try
        {
            using var zip = ZipFile.OpenRead(zipPath);
            foreach (var entry in zip.Entries.Select(e => e.FullName).Where(IsIsfName).Order(StringComparer.Ordinal))
                Add(new IsfLocation(zipPath, entry));
        }
        catch (InvalidDataException e)
        {
            _problems.Add($"{zipPath}: not a readable zip: {e.Message}");
        }
    }

    private void Add(IsfLocation location)
    {
        try
        {
            var id = PdbIds.FromIsfFileName(location.ZipEntry ?? location.Path) ?? ReadId(location);
            if (id is null) _problems.Add($"{location}: no metadata.windows.pdb");
            else _index.TryAdd(id, location);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            _problems.Add($"{location}: {e.Message}");
        }
    }

    private static string? ReadId(IsfLocation location)
    {
        var json = IsfContent.Decompress(ReadBytes(location), location.ToString());
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata");
            reader.Read();
            if (isMetadata)
            {
                using var metadata = JsonDocument.ParseValue(ref reader);
                return IsfFileParser.ReadMetadata(metadata.RootElement).Pdb?.Id;
            }
            reader.Skip();
        }
        return null;
    }

    private static byte[] ReadBytes(IsfLocation location)
    {
        if (location.ZipEntry is null) return File.ReadAllBytes(location.Path);
        using var zip = ZipFile.OpenRead(location.Path);
        var entry = zip.GetEntry(location.ZipEntry) ?? throw new FileNotFoundException($"{location}: entry vanished");
        if (entry.Length > XzDecoder.DefaultMaxOutput) throw new IsfFormatException($"{location}: entry of {entry.Length} bytes refused");
        using var stream = entry.Open();
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
