using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// A local symbol store for <c>--symbols DIR</c>: the symbol-server layout <c>DIR/name.pdb/GUIDAGE/name.pdb</c>
/// (age in hex as the symbol server writes it, or in decimal as MemProcFS prints it), or a flat folder of .pdb
/// files matched by GUID and DBI age. Cab-compressed <c>.pd_</c> files are not supported: they are reported, not
/// guessed at. Works offline; it never downloads.
/// </summary>
internal sealed class SymbolStore(string root)
{
    public const string MicrosoftSymbolServer = "https://msdl.microsoft.com/download/symbols";

    public string Root { get; } = root;

    /// <summary>GUID as 32 upper-case hex digits followed by the age in upper-case hex: the symbol-server folder name.</summary>
    public static string Id(Guid guid, uint age) => guid.ToString("N").ToUpperInvariant() + age.ToString("X");

    /// <summary>Where the symbol-server layout puts the PDB.</summary>
    public string ExpectedPath(string pdbName, Guid guid, uint age) => System.IO.Path.Combine(Root, pdbName, Id(guid, age), pdbName);

    /// <summary>
    /// The path of the PDB with this GUID and DBI age, or null. Candidates in the srv* layout (hex age, then decimal)
    /// and then the .pdb files directly in the root are opened and must carry the GUID and age. A cab-compressed
    /// .pd_ where the PDB should be is an <see cref="ImageFormatException"/> that says so.
    /// </summary>
    public string? Find(string pdbName, Guid guid, uint age)
    {
        var hex = Id(guid, age);
        var dec = guid.ToString("N").ToUpperInvariant() + age.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var folder in Folders(pdbName))
        {
            foreach (var id in hex == dec ? [hex] : new[] { hex, dec })
            {
                var idFolder = Child(folder, id, directory: true);
                if (idFolder is null) continue;
                var file = Child(idFolder, pdbName, directory: false);
                if (file is not null && Matches(file, guid, age, reportDamage: true)) return file;
                if (file is null && Child(idFolder, CompressedName(pdbName), directory: false) is { } cab)
                    throw new ImageFormatException(cab, null,
                        $"a cab-compressed symbol file; MemFs reads only expanded PDBs. Expand it first (Windows: expand {System.IO.Path.GetFileName(cab)} {pdbName}; elsewhere: cabextract) into {System.IO.Path.Combine(idFolder, pdbName)}");
            }
        }
        if (!Directory.Exists(Root)) return null;
        var flat = Directory.EnumerateFiles(Root, "*.pdb")
            .OrderBy(f => string.Equals(System.IO.Path.GetFileName(f), pdbName, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal);
        return flat.FirstOrDefault(f => Matches(f, guid, age, reportDamage: false));
    }

    /// <summary>
    /// The message for a missing PDB: the exact id, the path it was expected at and where to download it on a
    /// connected machine.
    /// </summary>
    public string MissingMessage(string pdbName, Guid guid, uint age)
    {
        var id = Id(guid, age);
        return $"{pdbName} {id} not found; expected {ExpectedPath(pdbName, guid, age)}; download it on a connected machine from {MicrosoftSymbolServer}/{pdbName}/{id}/{pdbName}";
    }

    private IEnumerable<string> Folders(string pdbName)
    {
        if (Child(Root, pdbName, directory: true) is { } folder) yield return folder;
    }

    /// <summary>The child with this name: exact first, then ignoring case (stores copied from Windows).</summary>
    private static string? Child(string parent, string name, bool directory)
    {
        var exact = System.IO.Path.Combine(parent, name);
        if (directory ? Directory.Exists(exact) : File.Exists(exact)) return exact;
        if (!Directory.Exists(parent)) return null;
        var all = directory ? Directory.EnumerateDirectories(parent) : Directory.EnumerateFiles(parent);
        return all.FirstOrDefault(p => string.Equals(System.IO.Path.GetFileName(p), name, StringComparison.OrdinalIgnoreCase));
    }

    private static string CompressedName(string pdbName) => pdbName.Length > 0 ? pdbName[..^1] + "_" : pdbName;

    /// <summary>
    /// Whether the file carries this GUID and DBI age. A damaged file where the srv* layout says the PDB is, is
    /// reported (<paramref name="reportDamage"/>); a damaged file in a flat folder is passed over.
    /// </summary>
    private static bool Matches(string path, Guid guid, uint age, bool reportDamage)
    {
        try
        {
            var pdb = PdbFile.OpenIdentity(path);
            return pdb.Guid == guid && pdb.Age == age;
        }
        catch (IOException) when (!reportDamage)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
