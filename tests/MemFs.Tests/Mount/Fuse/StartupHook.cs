using MemFs.Mount;
using MemFs.Mount.Fuse;
using MemFs.Tests.Mount.Fuse;

/// <summary>
/// A .NET startup hook (DOTNET_STARTUP_HOOKS; the runtime requires this exact name outside any namespace): when
/// <see cref="ChildMount.Variable"/> names a mount point, the built <c>memfs</c> process serves the test tree there
/// before its own Main runs, so tests can signal or kill a real mount host process. Otherwise it does nothing.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var mountPoint = Environment.GetEnvironmentVariable(ChildMount.Variable);
        if (string.IsNullOrEmpty(mountPoint)) return;
        try
        {
            new FuseHost().Run(new TestTree(), mountPoint, new MountOptions(FsName: "memfs-child"), CancellationToken.None);
            Console.Out.WriteLine("unmounted");
            Environment.Exit(0);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            Environment.Exit(3);
        }
    }
}
