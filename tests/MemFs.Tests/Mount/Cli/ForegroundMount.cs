using MemFs.Soak.Mounting;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs mount IMAGE MNT --foreground [options]</c> as a child process (the soak's <see cref="MountedImage"/>) whose
/// stderr (the failed requests it logs) the test reads after <see cref="Unmount"/>; a mount that does not come up fails the test.
/// </summary>
internal sealed class ForegroundMount : IDisposable
{
    private readonly MountedImage _mount = null!;

    public ForegroundMount(string image, string mountPoint, params string[] options)
    {
        FuseRequirement.Require();
        try
        {
            _mount = new MountedImage(MemFsExecutable.Start, image, mountPoint, options);
        }
        catch (InvalidOperationException e)
        {
            Assert.Fail(e.Message);
        }
    }

    public string Path => _mount.Path;

    public bool IsServing => _mount.IsServing;

    /// <summary>Unmounts with fusermount3 and waits for the server to exit; its exit code and stderr.</summary>
    public (int FusermountExit, int ServerExit, string Stderr) Unmount() => _mount.Unmount();

    public void Dispose() => _mount.Dispose();
}
