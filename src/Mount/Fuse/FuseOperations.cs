using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>
/// The <c>struct fuse_operations</c> table: static callbacks that find the mount's <see cref="FuseFileSystem"/> through
/// fuse_get_context()->private_data (a GCHandle) and never let an exception reach native code; requests that can
/// produce a file or directory are timed for <see cref="SlowRequestLog"/>.
/// </summary>
internal static unsafe class FuseOperations
{
    /// <summary>Slots of libfuse 3.14's table (getattr 0 … lseek 41 of fuse.h's struct fuse_operations); fuse_new copies it.</summary>
    public const int SlotCount = 42;

    /// <param name="spliceReads">Whether reads go through read_buf (slot 37), which can answer with an evidence file's descriptor.</param>
    public static nint[] Table(bool spliceReads = false)
    {
        var table = new nint[SlotCount];
        table[0] = (nint)(delegate* unmanaged<byte*, NativeStat*, FuseFileInfo*, int>)&GetAttr;
        table[12] = (nint)(delegate* unmanaged<byte*, FuseFileInfo*, int>)&Open;
        table[13] = (nint)(delegate* unmanaged<byte*, byte*, nuint, long, FuseFileInfo*, int>)&Read;
        table[15] = (nint)(delegate* unmanaged<byte*, NativeStatVfs*, int>)&StatFs;
        table[17] = (nint)(delegate* unmanaged<byte*, FuseFileInfo*, int>)&Release;
        table[20] = (nint)(delegate* unmanaged<byte*, byte*, byte*, nuint, int>)&GetXattr;
        table[23] = (nint)(delegate* unmanaged<byte*, FuseFileInfo*, int>)&OpenDir;
        table[24] = (nint)(delegate* unmanaged<byte*, void*, delegate* unmanaged<void*, byte*, NativeStat*, long, int, int>, long, FuseFileInfo*, int, int>)&ReadDir;
        table[25] = (nint)(delegate* unmanaged<byte*, FuseFileInfo*, int>)&ReleaseDir;
        table[27] = (nint)(delegate* unmanaged<FuseConnInfo*, FuseConfig*, nint>)&Init;
        table[28] = (nint)(delegate* unmanaged<nint, void>)&Destroy;
        table[29] = (nint)(delegate* unmanaged<byte*, int, int>)&Access;
        if (spliceReads) table[37] = (nint)(delegate* unmanaged<byte*, FuseBufferVector**, nuint, long, FuseFileInfo*, int>)&ReadBuf;
        table[41] = (nint)(delegate* unmanaged<byte*, long, int, FuseFileInfo*, long>)&Lseek;
        return table;
    }

    private static FuseFileSystem Current => (FuseFileSystem)GCHandle.FromIntPtr(LibFuse.Instance.GetContext()->PrivateData).Target!;

    private static string? PathOf(byte* path) => Marshal.PtrToStringUTF8((nint)path);

    /// <summary>Hands a request that took at least <see cref="SlowRequestLog.Threshold"/> to the log (the path decoded only then).</summary>
    private static void Timed(string operation, byte* path, long started)
    {
        if (Stopwatch.GetElapsedTime(started) >= SlowRequestLog.Threshold) SlowRequestLog.Finished("fuse", operation, PathOf(path), started);
    }

    [UnmanagedCallersOnly]
    private static int GetAttr(byte* path, NativeStat* stat, FuseFileInfo* info)
    {
        var started = Stopwatch.GetTimestamp();
        try { return Current.GetAttr(PathOf(path) ?? "/", stat); }
        catch (Exception e) { return ErrorLog.Failed("getattr", PathOf(path), 0, e); }
        finally { Timed("getattr", path, started); }
    }

    [UnmanagedCallersOnly]
    private static int Open(byte* path, FuseFileInfo* info)
    {
        var started = Stopwatch.GetTimestamp();
        try { return Current.Open(PathOf(path) ?? "/", info); }
        catch (Exception e) { return ErrorLog.Failed("open", PathOf(path), 0, e); }
        finally { Timed("open", path, started); }
    }

    [UnmanagedCallersOnly]
    private static int Read(byte* path, byte* buffer, nuint size, long offset, FuseFileInfo* info)
    {
        var started = Stopwatch.GetTimestamp();
        try { return Current.Read(info, new Span<byte>(buffer, checked((int)size)), offset); }
        catch (Exception e) { return ErrorLog.Failed("read", PathOf(path), offset, e); }
        finally { Timed("read", path, started); }
    }

    [UnmanagedCallersOnly]
    private static int ReadBuf(byte* path, FuseBufferVector** result, nuint size, long offset, FuseFileInfo* info)
    {
        var started = Stopwatch.GetTimestamp();
        try { return Current.ReadBuffer(info, result, size, offset); }
        catch (Exception e) { return ErrorLog.Failed("read", PathOf(path), offset, e); }
        finally { Timed("read", path, started); }
    }

    [UnmanagedCallersOnly]
    private static int StatFs(byte* path, NativeStatVfs* stat)
    {
        try { return FuseFileSystem.StatFs(stat); }
        catch (Exception e) { return ErrorLog.Failed("statfs", PathOf(path), 0, e); }
    }

    [UnmanagedCallersOnly]
    private static int Release(byte* path, FuseFileInfo* info)
    {
        try { return Current.Release(info); }
        catch (Exception e) { return ErrorLog.Failed("release", PathOf(path), 0, e); }
    }

    [UnmanagedCallersOnly]
    private static int GetXattr(byte* path, byte* name, byte* value, nuint size) => -Errno.ENODATA;

    [UnmanagedCallersOnly]
    private static int OpenDir(byte* path, FuseFileInfo* info)
    {
        try { return Current.OpenDirectory(PathOf(path) ?? "/", info); }
        catch (Exception e) { return ErrorLog.Failed("opendir", PathOf(path), 0, e); }
    }

    [UnmanagedCallersOnly]
    private static int ReadDir(byte* path, void* buffer, delegate* unmanaged<void*, byte*, NativeStat*, long, int, int> fill, long offset, FuseFileInfo* info, int flags)
    {
        var started = Stopwatch.GetTimestamp();
        try { return Current.ReadDirectory(PathOf(path) ?? "/", buffer, fill, flags); }
        catch (Exception e) { return ErrorLog.Failed("readdir", PathOf(path), offset, e); }
        finally { Timed("readdir", path, started); }
    }

    [UnmanagedCallersOnly]
    private static int ReleaseDir(byte* path, FuseFileInfo* info) => 0;

    /// <summary>Its return value becomes private_data for every later request, so it hands the GCHandle back.</summary>
    [UnmanagedCallersOnly]
    private static nint Init(FuseConnInfo* connection, FuseConfig* config)
    {
        try
        {
            Current.Init(connection, config);
            return LibFuse.Instance.GetContext()->PrivateData;
        }
        catch (Exception e)
        {
            ErrorLog.Failed("init", null, 0, e);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void Destroy(nint privateData)
    {
    }

    [UnmanagedCallersOnly]
    private static int Access(byte* path, int mask)
    {
        try { return Current.Access(PathOf(path) ?? "/", mask); }
        catch (Exception e) { return ErrorLog.Failed("access", PathOf(path), 0, e); }
    }

    [UnmanagedCallersOnly]
    private static long Lseek(byte* path, long offset, int whence, FuseFileInfo* info)
    {
        var started = Stopwatch.GetTimestamp();
        try { return Current.Seek(info, offset, whence); }
        catch (Exception e) { return ErrorLog.Failed("lseek", PathOf(path), offset, e); }
        finally { Timed("lseek", path, started); }
    }
}
