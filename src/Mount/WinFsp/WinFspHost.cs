using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// Serves an <see cref="IVirtualFileSystem"/> through WinFsp's native API as a read-only disk volume: creates the volume,
/// mounts it (drive letter or new directory), runs WinFsp's dispatcher threads, and on cancellation, Ctrl-C/Ctrl-Break/
/// console close, or the dispatcher stopping from outside, stops the dispatcher, removes the mount point and deletes the
/// volume. A process that dies without that loses its volume anyway: WinFsp removes it when its handle closes.
/// <see cref="Run"/> blocks. <see cref="MountOptions.AllowOther"/> is not needed (the security descriptor lets everyone
/// read) and <see cref="MountOptions.Foreground"/> is not used.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class WinFspHost : IMountHost
{
    /// <summary>WinFsp dispatcher threads; each blocks in one request while the tree reads. 0 lets WinFsp choose.</summary>
    public uint MaxThreads { get; init; } = 16;

    /// <summary>Called with the mount point (the drive letter chosen, for "*") once the volume serves requests.</summary>
    public Action<string>? Mounted { get; init; }

    /// <summary>Mounts, serves until stopped, then releases the volume.</summary>
    /// <exception cref="WinFspMountException">WinFsp missing, an unusable mount point, or WinFsp refused.</exception>
    public void Run(IVirtualFileSystem fileSystem, string mountPoint, MountOptions options, CancellationToken stop)
    {
        var target = WinFspMountPoint.Resolve(mountPoint);
        var library = WinFspLibrary.Instance;
        var state = new WinFspFileSystem(fileSystem, options.FsName);
        var handle = GCHandle.Alloc(state);
        nint volume = 0;
        try
        {
            volume = CreateVolume(library, options.FsName, FileTime.From(fileSystem.Root.Time));
            ((FspFileSystem*)volume)->UserContext = GCHandle.ToIntPtr(handle);
            fixed (char* path = target)
                Check(library.SetMountPoint(volume, path), $"cannot mount at {target}: a drive letter must be free, a directory must not exist yet");
            Check(library.StartDispatcher(volume, MaxThreads), "WinFsp's dispatcher did not start");
            Serve(new string(library.MountPoint(volume)), state, stop);
        }
        finally
        {
            if (volume != 0)
            {
                library.StopDispatcher(volume);
                library.RemoveMountPoint(volume);
                library.Delete(volume);
            }
            foreach (var open in state.CloseAll()) DirectoryListing.Release(open);
            handle.Free();
        }
    }

    private void Serve(string mountPoint, WinFspFileSystem state, CancellationToken stop)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        // .NET delivers Ctrl-C, Ctrl-Break, closing the console and shutdown as these on Windows.
        var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGHUP, PosixSignal.SIGTERM }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                stopping.Cancel();
            })).ToArray();
        try
        {
            try
            {
                Mounted?.Invoke(mountPoint);
            }
            catch (Exception e)
            {
                WinFspErrorLog.Output.WriteLine($"memfs: winfsp: stopping: {e.Message}");
                return;
            }
            WaitHandle.WaitAny([stopping.Token.WaitHandle, state.Stopped]);
        }
        finally
        {
            foreach (var signal in signals) signal.Dispose();
        }
    }

    private static nint CreateVolume(WinFspLibrary library, string name, ulong creationTime)
    {
        var parameters = FspVolumeParams.ReadOnly(name, creationTime);
        nint volume = 0;
        fixed (char* device = WinFspLibrary.DiskDevice)
            Check(library.Create(device, &parameters, WinFspOperations.Interface, &volume),
                "WinFsp could not create the volume (is its driver installed and running? 'sc query WinFsp')");
        return volume;
    }

    private static void Check(int status, string failure)
    {
        if (!NtStatus.IsSuccess(status)) throw new WinFspMountException($"{failure} ({NtStatus.Describe(status)})");
    }
}
