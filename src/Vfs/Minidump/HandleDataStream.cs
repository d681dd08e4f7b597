using MemFs.Translate.Windows.Handles;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// HandleDataStream: a 16-byte MINIDUMP_HANDLE_DATA_STREAM header (SizeOfHeader, SizeOfDescriptor, NumberOfDescriptors,
/// Reserved), then a 32-byte MINIDUMP_HANDLE_DESCRIPTOR per handle of the process's table (Handle, TypeNameRva,
/// ObjectNameRva, Attributes, GrantedAccess, HandleCount, PointerCount), in handles.txt's order. Type and object names are
/// MINIDUMP_STRINGs, each text stored once; an object without a name has ObjectNameRva 0. Attributes and the two counts
/// are not read (the handle walk does not decode them) and stay 0. The table is walked with the walker's bounds, and
/// the stream stops at <see cref="MaxBytes"/> (descriptors and names), far above any real table, so a hostile one cannot
/// push the dump's 32-bit RVAs past 4 GiB; a process whose table cannot be read gets a stream with no descriptors
/// (handles.txt says why).
/// </summary>
internal sealed class HandleDataStream(IReadOnlyList<HandleInfo> handles, long maxBytes = HandleDataStream.MaxBytes) : IMinidumpStream
{
    public const int HeaderSize = 16;
    public const int DescriptorSize = 32;

    /// <summary>A process with 100,000 handles and 200-character names needs about 45 MiB.</summary>
    public const long MaxBytes = 256L << 20;

    private int _count;

    private readonly Dictionary<string, MinidumpLocation> _strings = new(StringComparer.Ordinal);

    public uint Type => MinidumpStreamType.HandleData;
    public MinidumpLocation Location { get; private set; }

    /// <summary>The handles of <paramref name="view"/>'s process, or none when its table cannot be read.</summary>
    public static HandleDataStream Of(ProcessView view)
    {
        try
        {
            return new HandleDataStream(view.System.Handles(view.Process).Handles);
        }
        catch (IOException)
        {
            return new HandleDataStream([]);
        }
    }

    public void Place(PrefixAllocator allocator)
    {
        _count = Fitting(handles, maxBytes);
        Location = allocator.Place(HeaderSize + (long)DescriptorSize * _count);
        foreach (var handle in handles.Take(_count))
        foreach (var text in new[] { handle.TypeName, handle.Name })
            if (text is not null && !_strings.ContainsKey(text))
                _strings[text] = allocator.Place(MinidumpWriter.StringSize(text));
    }

    /// <summary>How many handles, from the first, fit in <paramref name="maxBytes"/> with their names (each placed once, 8-byte aligned).</summary>
    private static int Fitting(IReadOnlyList<HandleInfo> handles, long maxBytes)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var bytes = (long)HeaderSize;
        for (var i = 0; i < handles.Count; i++)
        {
            bytes += DescriptorSize;
            foreach (var text in new[] { handles[i].TypeName, handles[i].Name })
                if (text is not null && texts.Add(text)) bytes += (MinidumpWriter.StringSize(text) + 7) & ~7;
            if (bytes > maxBytes) return i;
        }
        return handles.Count;
    }

    public void Write(MinidumpWriter writer)
    {
        var at = (long)Location.Rva;
        writer.U32(at, HeaderSize);
        writer.U32(at + 4, DescriptorSize);
        writer.U32(at + 8, (uint)_count);
        for (var i = 0; i < _count; i++)
        {
            var (entry, handle) = (at + HeaderSize + (long)DescriptorSize * i, handles[i]);
            writer.U64(entry, handle.Handle);
            writer.U32(entry + 8, _strings[handle.TypeName].Rva);
            writer.U32(entry + 12, handle.Name is { } name ? _strings[name].Rva : 0);
            writer.U32(entry + 20, handle.GrantedAccess);
        }
        foreach (var (text, location) in _strings) writer.String(location.Rva, text);
    }
}
