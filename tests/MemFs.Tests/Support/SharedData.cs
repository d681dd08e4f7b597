using NUnit.Framework;

namespace MemFs.Tests.Support;

/// <summary>
/// Locates the read-only test inputs in <c>../shared/data</c> next to the repository. Missing data
/// skips a test on a developer machine but fails it in CI (CI=true), as shared/README.md asks.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RepositoryRoot = new(FindRepositoryRoot);

    /// <summary>The folder holding MemFs.sln above the test binaries, or null when there is none.</summary>
    public static string? Repository => RepositoryRoot.Value;

    public static string Root =>
        Path.GetFullPath(Path.Combine(RepositoryRoot.Value ?? Directory.GetCurrentDirectory(), "..", "shared", "data"));

    /// <summary>Full path of a file or folder under shared/data, or skip/fail when it is absent.</summary>
    public static string Require(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        if (File.Exists(path) || Directory.Exists(path)) return path;
        var message = $"test data missing: {path}";
        if (IsCi) Assert.Fail(message);
        else Assert.Ignore(message);
        return path;
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MemFs.sln"))) return dir.FullName;
        return null;
    }
}
