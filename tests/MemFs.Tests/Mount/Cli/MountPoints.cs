using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary><c>memfs mount</c>s of one image, each onto a folder of its own under a scratch directory; unmounted on dispose.</summary>
internal sealed class MountPoints(string image, string directory) : IDisposable
{
    private readonly List<string> _mounts = [];

    /// <summary>Mounts the image onto <paramref name="name"/> with <paramref name="options"/>; the mount must succeed.</summary>
    public string Mount(string name, params string[] options)
    {
        var mount = Directory.CreateDirectory(Path.Combine(directory, name)).FullName;
        var result = MemFsProcess.Run(["mount", image, mount, .. options]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        _mounts.Add(mount);
        return mount;
    }

    public void Dispose()
    {
        foreach (var mount in _mounts)
        {
            if (MountTable.Find(mount) is not null) Shell.Run("fusermount3", "-u", mount);
            MountTable.WaitUntil(() => MountTable.Find(mount) is null, TimeSpan.FromSeconds(10));
        }
    }
}
