using System.CommandLine;
using System.CommandLine.Invocation;

namespace MemFs.Mount.Cli.Provenance;

/// <summary><c>memfs --version</c>: the version on the first line (for scripts), then commit, build kind and symbol pack.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var build = BuildInfo.Current;
        Console.WriteLine($"memfs {build.Version}");
        Console.WriteLine($"commit: {build.Commit ?? "unknown"}");
        Console.WriteLine($"build: {build.Kind} ({build.RuntimeIdentifier})");
        Console.WriteLine($"symbol pack: {SymbolPackInfo.Describe()}");
        return 0;
    }

    /// <summary>Replaces the default version action (which prints only the informational version) on <paramref name="root"/>.</summary>
    public static void Apply(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>()) option.Action = new VersionAction();
    }
}
