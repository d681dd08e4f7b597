using MemFs.Translate.Physical;

namespace MemFs.Translate.Files;

/// <summary>A directory tree of files by Windows path (a mounted or extracted C: drive), given with <c>--files DIR</c>.</summary>
public static class FileTreeArgument
{
    private const int CountLimit = 1_000_000;

    public static AuxiliarySource Describe(string directory)
    {
        var info = new DirectoryInfo(directory);
        if (!info.Exists) throw new DirectoryNotFoundException($"--files {directory}: no such directory");
        var count = info.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Take(CountLimit).Count();
        var counted = count == CountLimit ? $"at least {CountLimit:N0} files" : $"{count:N0} files";
        var roots = VolumeRootLocator.Find(info.FullName);
        var volumes = roots is [{ DriveLetter: null }] ? "" : "; volume roots: " + string.Join(", ", roots);
        return new AuxiliarySource(AuxiliaryKind.FileTree, info.FullName, null, null, $"--files ({counted}{volumes})");
    }
}
