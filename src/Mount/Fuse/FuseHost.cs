using System.Runtime.InteropServices;
using System.Text;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.Fuse;

/// <summary>
/// Serves an <see cref="IVirtualFileSystem"/> through libfuse3: mounts read-only with auto_unmount (a killed process
/// leaves no stale mount), runs the multi-threaded loop on its own thread, and on cancellation or SIGINT/SIGTERM/SIGHUP
/// detaches the mount, waits for files still open (up to <see cref="StopTimeout"/>), then ends the loop with fuse_exit.
/// <see cref="Run"/> blocks; <see cref="MountOptions.Foreground"/> is not used (it never daemonizes).
/// </summary>
internal sealed unsafe class FuseHost : IMountHost
{
    /// <summary>
    /// The largest FUSE read request allowed (libfuse 3.14 caps max_pages at 256 = 1 MiB). Buffered reads still arrive
    /// as 128 KiB requests, the kernel's readahead window (measured).
    /// </summary>
    public const uint MaxRead = 1 << 20;

    /// <summary>libfuse worker threads; each blocks in one request while the tree reads.</summary>
    public uint MaxThreads { get; init; } = 16;

    /// <summary>How long to wait for the loop after the mount is detached; files still open keep it serving.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Answer reads of plain evidence ranges (physical.raw of a raw image) with the evidence file's descriptor, for
    /// libfuse to splice into /dev/fuse. Off: on the measured VM (kernel 6.18, libfuse 3.14) spliced warm reads ran at
    /// 44% of the buffered ones (README, "Warm reads through the mount").
    /// </summary>
    public bool SpliceReads { get; init; }

    /// <summary>Called with the full mount point once the mount exists and the loop runs.</summary>
    public Action<string>? Mounted { get; init; }

    /// <summary>Mounts, serves until stopped or unmounted from outside, then releases the mount.</summary>
    /// <exception cref="FuseMountException">fuse3 missing, /dev/fuse missing, an unusable mount point, or libfuse refused.</exception>
    public void Run(IVirtualFileSystem fileSystem, string mountPoint, MountOptions options, CancellationToken stop)
    {
        var path = MountPointCheck.Validate(mountPoint);
        var library = LibFuse.Instance;
        var served = new FuseFileSystem(fileSystem, MaxRead, SpliceReads) { AfterInit = () => ReadAhead.TryRaise(path) };
        var state = GCHandle.Alloc(served);
        var fuse = Create(library, FuseArguments.For(options, MaxRead), state, SpliceReads);
        if (fuse == 0)
        {
            state.Free();
            throw new FuseMountException("libfuse refused the mount options (its message is above)");
        }
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop);
        // Registered before the mount exists: a SIGTERM that arrives as soon as the mount appears must unmount, not kill.
        var signals = StopOnSignals(stopping);
        try
        {
            if (MountAt(library, fuse, path) != 0)
            {
                library.Destroy(fuse);
                state.Free();
                throw new FuseMountException($"cannot mount on {path} (libfuse's message is above)");
            }
            Serve(library, fuse, state, path, stopping);
        }
        finally
        {
            foreach (var signal in signals) signal.Dispose();
        }
    }

    /// <summary>
    /// Runs the loop until the mount goes away or a stop is asked. The loop thread itself releases the session, so a
    /// loop that outlives <see cref="StopTimeout"/> (files still open) is cleaned up whenever it ends.
    /// </summary>
    private void Serve(LibFuse library, nint fuse, GCHandle state, string path, CancellationTokenSource stopping)
    {
        var loopDone = new ManualResetEventSlim(); // not disposed: a loop that outlives the timeout still sets it
        var loop = new Thread(() =>
        {
            try
            {
                library.LoopMultiThreaded(fuse, MaxThreads);
            }
            finally
            {
                library.Unmount(fuse);
                library.Destroy(fuse);
                state.Free();
                loopDone.Set();
            }
        }) { Name = "fuse-loop", IsBackground = true };
        loop.Start();
        NotifyMounted(path, stopping);
        WaitHandle.WaitAny([stopping.Token.WaitHandle, loopDone.WaitHandle]);
        if (loopDone.IsSet) return;
        // Detaching ends the loop (read(/dev/fuse) fails with ENODEV) once no file under the mount is open;
        // until then open files are still served.
        if (!Fusermount.DetachLazily(path)) ErrorLog.Output.WriteLine($"memfs: fuse: could not unmount {path}");
        if (loopDone.Wait(StopTimeout)) return;
        // After fuse_exit the loop serves one more request, then ends (fuse_loop_mt.c, fuse_do_work).
        library.Exit(fuse);
        if (loopDone.Wait(TimeSpan.FromSeconds(1))) return;
        ErrorLog.Output.WriteLine($"memfs: fuse: {path} is detached but still in use; it is released at the next access");
    }

    private void NotifyMounted(string path, CancellationTokenSource stopping)
    {
        try
        {
            Mounted?.Invoke(path);
        }
        catch (Exception e)
        {
            ErrorLog.Output.WriteLine($"memfs: fuse: stopping: {e.Message}");
            stopping.Cancel();
        }
    }

    private static PosixSignalRegistration[] StopOnSignals(CancellationTokenSource stopping) =>
        [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal =>
            PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                stopping.Cancel();
            }))];

    private static nint Create(LibFuse library, IReadOnlyList<string> arguments, GCHandle state, bool spliceReads)
    {
        var args = new FuseArgs();
        try
        {
            foreach (var argument in arguments)
                fixed (byte* text = Utf8(argument))
                    if (library.AddArgument(&args, text) != 0) return 0;
            var table = FuseOperations.Table(spliceReads);
            fixed (nint* operations = table)
                return library.New(&args, operations, (nuint)(table.Length * sizeof(nint)), GCHandle.ToIntPtr(state));
        }
        finally
        {
            library.FreeArguments(&args);
        }
    }

    private static int MountAt(LibFuse library, nint fuse, string path)
    {
        fixed (byte* text = Utf8(path))
            return library.Mount(fuse, text);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
