using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Modules.UnloadedModules;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Session;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// Where everything of a process's minidump lies: the header, the stream directory and the streams (the prefix),
/// then the bytes of every run of pages that hold bytes, in Memory64List order. Built from the VADs, the page
/// translation, the module and thread lists: no memory contents are read, so the file's size costs no rendering.
/// </summary>
internal sealed class MinidumpLayout
{
    public const int HeaderSize = 32;
    public const int DirectoryEntrySize = 12;
    private const uint Signature = 0x504D_444D; // "MDMP"
    private const uint Version = 0xA793;        // MINIDUMP_VERSION
    // MiniDumpWithFullMemory | MiniDumpWithFullMemoryInfo (MINIDUMP_TYPE).
    private const ulong Flags = 0x2 | 0x800;

    private readonly IReadOnlyList<IMinidumpStream> _streams;
    private readonly MemoryRun[] _runs;
    private readonly uint _timeDateStamp;

    private MinidumpLayout(ProcessView view, IThreadSource threadSource)
    {
        var map = ProcessMemoryMap.Of(view);
        var images = view.Images.Where(i => i.Base < ProcessView.UserSpace).ToArray();
        _runs = new MemoryRun[map.Runs.Count];
        _streams =
        [
            new SystemInfoStream(() => SystemFacts.Of(view.System)),
            new MiscInfoStream(view.Process.Pid, view.Process.CreateTime),
            new ThreadListStream(threadSource.Threads(view), StackInDump),
            new ModuleListStream(images, image => Headers(view, image)),
            new UnloadedModuleListStream(UnloadEventTrace.Read(view).Modules),
            new MemoryInfoListStream(map.Regions),
            HandleDataStream.Of(view),
            new Memory64ListStream(_runs, () => PrefixLength),
        ];
        var allocator = new PrefixAllocator(HeaderSize + DirectoryEntrySize * _streams.Count);
        foreach (var stream in _streams) stream.Place(allocator);
        PrefixLength = allocator.End;
        var offset = PrefixLength;
        for (var i = 0; i < _runs.Length; i++)
        {
            _runs[i] = new MemoryRun(map.Runs[i].Va, map.Runs[i].Length, offset);
            offset += map.Runs[i].Length;
        }
        Length = offset;
        var time = new DateTimeOffset(CaptureTime.Of(view.System.Image, view.System.Identity).Time, TimeSpan.Zero).ToUnixTimeSeconds();
        _timeDateStamp = time is >= 0 and <= uint.MaxValue ? (uint)time : 0;
    }

    public static MinidumpLayout Of(ProcessView view, IThreadSource threads) => new(view, threads);

    /// <summary>Header, directory and streams: where the memory bytes start.</summary>
    public long PrefixLength { get; }

    public long Length { get; }

    public IReadOnlyList<MemoryRun> Runs => _runs;

    /// <summary>The prefix's bytes; this reads the module headers and KUSER_SHARED_DATA.</summary>
    public byte[] RenderPrefix()
    {
        var writer = new MinidumpWriter(new byte[PrefixLength]);
        writer.U32(0, Signature);
        writer.U32(4, Version);
        writer.U32(8, (uint)_streams.Count);
        writer.U32(12, HeaderSize);
        writer.U32(20, _timeDateStamp);
        writer.U64(24, Flags);
        for (var i = 0; i < _streams.Count; i++)
        {
            writer.U32(HeaderSize + DirectoryEntrySize * i, _streams[i].Type);
            writer.Location(HeaderSize + DirectoryEntrySize * i + 4, _streams[i].Location);
        }
        foreach (var stream in _streams) stream.Write(writer);
        return writer.Bytes;
    }

    /// <summary>The run holding file offset <paramref name="offset"/> (at or past <see cref="PrefixLength"/>).</summary>
    public int RunAt(long offset) => Ranges.LastStartingAtOrBefore(_runs, r => r.FileOffset, offset);

    /// <summary>Where the stack [<paramref name="limit"/>, <paramref name="stackBase"/>) lies in the dump, when one run holds it
    /// all within the 32-bit RVAs a thread's stack descriptor has; otherwise nowhere.</summary>
    private MinidumpLocation StackInDump(ulong limit, ulong stackBase)
    {
        foreach (var run in _runs)
            if (limit >= run.Va && stackBase <= run.End && run.FileOffset + (long)(stackBase - run.Va) <= uint.MaxValue)
                return new MinidumpLocation((uint)(stackBase - limit), (uint)(run.FileOffset + (long)(limit - run.Va)));
        return MinidumpLocation.None;
    }

    private static PeImageView? Headers(ProcessView view, LoadedImage image)
    {
        try
        {
            return view.Recoveries.Recover(image, out _)?.Headers;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
