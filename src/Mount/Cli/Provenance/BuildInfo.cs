using System.Reflection;
using System.Runtime.InteropServices;

namespace MemFs.Mount.Cli.Provenance;

/// <summary>What this <c>memfs</c> binary is: version and commit (the SDK appends "+commit" to the informational version
/// in a git checkout), and how it was built (assembly metadata the project file sets from the publish properties).</summary>
internal sealed record BuildInfo(string Version, string? Commit, string Kind, string RuntimeIdentifier)
{
    public static BuildInfo Current { get; } = Read(typeof(BuildInfo).Assembly);

    private static BuildInfo Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = informational.IndexOf('+');
        var kind = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "MemFsBuildKind")?.Value ?? "unknown";
        return new BuildInfo(plus < 0 ? informational : informational[..plus], plus < 0 ? null : informational[(plus + 1)..], kind,
            RuntimeInformation.RuntimeIdentifier);
    }
}
