namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>
/// One <c>srv*</c> element of a debugger symbol path: the local folders it names (the first is the download cache)
/// and the http/https servers. <c>srv*DIR</c> names only a local store and never goes online; <c>srv*URL</c> and
/// <c>srv**URL</c> use <paramref name="DefaultCache"/>.
/// </summary>
internal sealed record SymbolServerPath(string Cache, IReadOnlyList<string> LocalStores, IReadOnlyList<Uri> Servers)
{
    public const string ServerPrefix = "srv*";
    public const string CachePrefix = "cache*";

    /// <summary>Parses the text after <c>srv*</c>; <paramref name="defaultCache"/> is used when no local folder is named.</summary>
    public static SymbolServerPath Parse(string element, string defaultCache)
    {
        var locals = new List<string>();
        var servers = new List<Uri>();
        foreach (var part in element[ServerPrefix.Length..].Split('*'))
        {
            if (part.Length == 0) continue;
            if (part.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || part.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
                    throw new ArgumentException($"--symbols {element}: '{part}' is not an http or https URL");
                servers.Add(uri);
            }
            else if (part.Contains("://", StringComparison.Ordinal))
            {
                throw new ArgumentException($"--symbols {element}: '{part}' is not an http or https URL (only those are downloaded from)");
            }
            else
            {
                locals.Add(part);
            }
        }
        if (locals.Count == 0 && servers.Count == 0) throw new ArgumentException($"--symbols {element}: names no folder and no server");
        return new SymbolServerPath(locals.Count > 0 ? locals[0] : defaultCache, locals.Skip(servers.Count > 0 ? 1 : 0).ToList(), servers);
    }

    /// <summary>Whether <paramref name="argument"/> is written as a debugger symbol path rather than a plain folder or file.</summary>
    public static bool IsSymbolPath(string argument) =>
        argument.StartsWith(ServerPrefix, StringComparison.OrdinalIgnoreCase) || argument.StartsWith(CachePrefix, StringComparison.OrdinalIgnoreCase);
}
