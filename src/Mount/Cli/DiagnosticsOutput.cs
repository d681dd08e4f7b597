using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// What a command says on stderr, after its output, about the session: only what changes the result (a list broken,
/// a layout missing, <paramref name="problems"/> of the command's own walk). How sources were resolved and the
/// heuristics' reasoning stay in 'memfs info' and image/info.txt.
/// </summary>
internal static class DiagnosticsOutput
{
    public static void Warn(EvidenceSession session, IEnumerable<string>? problems = null)
    {
        foreach (var problem in problems ?? []) Console.Error.WriteLine($"warning: {problem}");
        foreach (var w in session.Diagnostics.WarningLines()) Console.Error.WriteLine($"warning: {w}");
    }

    /// <summary>For the tree (mount, ls, cat), which opens without a kernel: says first that there are no processes, and why.</summary>
    public static void WarnTree(EvidenceSession session)
    {
        if (session.SystemFailure is { } failure) Console.Error.WriteLine($"warning: no Windows kernel found, so no processes: {failure}");
        Warn(session);
    }

    /// <summary>For the commands that serve the tree (mount, ls): whether the file sources given serve any loaded image.</summary>
    public static void WarnMappedFiles(EvidenceSession session)
    {
        if (session.MappedFilesWarning is { } warning) Console.Error.WriteLine($"warning: {warning}");
    }
}
