using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>What a command says on stderr, after its output, about the session's diagnostics.</summary>
internal static class DiagnosticsOutput
{
    public static void Warn(EvidenceSession session)
    {
        foreach (var w in session.Diagnostics.Lines()) Console.Error.WriteLine($"warning: {w}");
    }
}
