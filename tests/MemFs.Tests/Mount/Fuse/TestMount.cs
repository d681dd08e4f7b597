using MemFs.Mount;
using MemFs.Mount.Fuse;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>
/// A <see cref="FuseHost"/> serving a tree on a fresh temporary directory from a background thread; disposing cancels
/// it and checks the mount is gone, detaching it by force if the host failed to.
/// </summary>
internal sealed class TestMount : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private Exception? _failure;

    private TestMount(IVirtualFileSystem fileSystem, MountOptions options, FuseHost host)
    {
        Path = Directory.CreateTempSubdirectory("memfs-fuse-").FullName;
        _thread = new Thread(() =>
        {
            try
            {
                host.Run(fileSystem, Path, options, _stop.Token);
            }
            catch (Exception e)
            {
                _failure = e;
            }
        }) { IsBackground = true, Name = "test-fuse-host" };
    }

    public string Path { get; }

    public bool HostEnded => !_thread.IsAlive;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public static TestMount Start(IVirtualFileSystem? fileSystem = null, MountOptions? options = null, FuseHost? host = null)
    {
        FuseRequirement.Require();
        var mount = new TestMount(fileSystem ?? new TestTree(), options ?? new MountOptions(), host ?? new FuseHost());
        mount._thread.Start();
        if (!MountTable.WaitUntil(() => MountTable.Find(mount.Path) is not null || mount.HostEnded, Timeout) || mount.HostEnded)
        {
            var failure = mount._failure;
            mount.Dispose();
            Assert.Fail($"mount did not appear at {mount.Path}: {failure?.Message ?? "timeout"}");
        }
        return mount;
    }

    /// <summary>Cancels the host and waits for <see cref="FuseHost.Run"/> to return; false if it did not in time.</summary>
    public bool Stop()
    {
        _stop.Cancel();
        return _thread.Join(Timeout);
    }

    public void Dispose()
    {
        var stopped = Stop();
        if (MountTable.Find(Path) is not null) Shell.Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
        }
        if (!stopped) Assert.Fail($"FuseHost.Run did not return within {Timeout} of cancellation");
        if (_failure is not null) Assert.Fail($"FuseHost.Run failed: {_failure}");
    }
}
