using MemFs.Translate.Windows.Symbols.Cab;
using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>
/// Fetches one PDB from one symbol server into the cache the way debuggers do: <c>URL/name/ID/name</c>, else the
/// CAB-compressed <c>URL/name/ID/name_</c> (expanded here), else a <c>file.ptr</c> redirect to a file path. The file
/// is written under a temporary name in the cache folder and renamed only once it is a PDB with the GUID and age
/// asked for.
/// </summary>
internal sealed class SymbolServerFetch(SymbolDownloader downloader, Uri server)
{
    private const string PointerFile = "file.ptr";

    /// <summary>The cached path of the PDB, or null when the server has none of the three forms (each 404).</summary>
    public string? Fetch(string cacheRoot, string pdbName, Guid guid, uint age)
    {
        var id = SymbolStore.Id(guid, age);
        var lookingFor = $"{pdbName} {id}";
        var folder = Path.Combine(cacheRoot, pdbName, id);
        Directory.CreateDirectory(folder);
        var final = Path.Combine(folder, pdbName);
        var temp = Path.Combine(folder, $"{pdbName}.{Guid.NewGuid():N}.download");
        var expanded = temp + ".expanded";
        try
        {
            var plain = Url(pdbName, id, pdbName);
            if (downloader.TryDownload(plain, temp, lookingFor)) return Accept(temp, final, plain, guid, age);

            var compressedName = pdbName[..^1] + "_";
            var compressed = Url(pdbName, id, compressedName);
            if (downloader.TryDownload(compressed, temp, lookingFor))
            {
                Expand(temp, compressed, pdbName, expanded);
                return Accept(expanded, final, compressed, guid, age);
            }

            var pointer = Url(pdbName, id, PointerFile);
            if (downloader.TryDownload(pointer, temp, lookingFor))
                return FollowPointer(temp, pointer, expanded, final, pdbName, guid, age);
            return null;
        }
        finally
        {
            File.Delete(temp);
            File.Delete(expanded);
            RemoveIfEmpty(folder);
            RemoveIfEmpty(Path.GetDirectoryName(folder)!);
        }
    }

    /// <summary>What was asked for on this server, for the message when it has nothing.</summary>
    public string Tried(string pdbName, Guid guid, uint age)
    {
        var id = SymbolStore.Id(guid, age);
        return $"{Url(pdbName, id, pdbName)} (also {pdbName[..^1]}_ and {PointerFile}): not found (404)";
    }

    private Uri Url(string pdbName, string id, string file) =>
        new($"{server.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(pdbName)}/{id}/{Uri.EscapeDataString(file)}");

    private void Expand(string cabinet, Uri url, string pdbName, string target)
    {
        using var input = File.OpenRead(cabinet);
        var cab = CabinetFile.Read(url.ToString(), input);
        var entry = cab.Files.FirstOrDefault(f => string.Equals(f.Name, pdbName, StringComparison.OrdinalIgnoreCase))
            ?? (cab.Files.Count == 1 ? cab.Files[0] : null)
            ?? throw new SymbolDownloadException($"{url}: the cabinet holds {cab.Files.Count} files, none named {pdbName}; refused");
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        cab.Extract(entry, output, downloader.Limits.MaxBytes);
    }

    /// <summary>
    /// A file.ptr holds "PATH:" and where the file is (a share or local path), or "MSG:" and why the server has none.
    /// Only a path this machine can open is followed.
    /// </summary>
    private string FollowPointer(string pointerFile, Uri url, string expanded, string final, string pdbName, Guid guid, uint age)
    {
        var text = File.ReadAllText(pointerFile).Trim();
        if (text.StartsWith("MSG:", StringComparison.OrdinalIgnoreCase))
            throw new SymbolDownloadException($"{url}: the server has no {pdbName} {SymbolStore.Id(guid, age)}: {text[4..].Trim()}");
        if (!text.StartsWith("PATH:", StringComparison.OrdinalIgnoreCase))
            throw new SymbolDownloadException($"{url}: not a PATH: or MSG: pointer; refused");
        var target = text[5..].Trim();
        if (!File.Exists(target)) throw new SymbolDownloadException($"{url}: points to {target}, which this machine cannot open");
        if (new FileInfo(target).Length > downloader.Limits.MaxBytes)
            throw new SymbolDownloadException($"{url}: points to {target}, more than the {downloader.Limits.MaxBytes:N0} bytes allowed; refused");
        if (target.EndsWith('_'))
        {
            Expand(target, url, pdbName, expanded);
            return Accept(expanded, final, url, guid, age);
        }
        File.Copy(target, expanded);
        return Accept(expanded, final, url, guid, age);
    }

    /// <summary>A failed fetch leaves no empty folders in the cache.</summary>
    private static void RemoveIfEmpty(string folder)
    {
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
    }

    private static string Accept(string candidate, string final, Uri url, Guid guid, uint age)
    {
        PdbFile pdb;
        try
        {
            pdb = PdbFile.OpenIdentity(candidate);
        }
        catch (IOException e)
        {
            throw new SymbolDownloadException($"{url}: what the server sent is not a PDB ({e.Message.Replace(candidate, "download", StringComparison.Ordinal)}); refused", e);
        }
        if (pdb.Guid != guid || pdb.Age != age)
            throw new SymbolDownloadException($"{url}: the PDB served is {SymbolStore.Id(pdb.Guid, pdb.Age)}, not the {SymbolStore.Id(guid, age)} asked for; refused");
        File.Move(candidate, final, overwrite: true);
        return final;
    }
}
