using MemFs.Translate.Windows.Handles;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// HandleDataStream: a 16-byte MINIDUMP_HANDLE_DATA_STREAM header (SizeOfHeader, SizeOfDescriptor, NumberOfDescriptors,
/// Reserved), then a 32-byte MINIDUMP_HANDLE_DESCRIPTOR per handle of the process's table (Handle, TypeNameRva,
/// ObjectNameRva, Attributes, GrantedAccess, HandleCount, PointerCount), in handles.txt's order. Type and object names are
/// MINIDUMP_STRINGs, each text stored once; an object without a name has ObjectNameRva 0. Attributes and the two counts
/// are not read (the handle walk does not decode them) and stay 0. The table is walked with the walker's bounds; a
/// process whose table cannot be read gets a stream with no descriptors (handles.txt says why).
/// </summary>
internal sealed class HandleDataStream(IReadOnlyList<HandleInfo> handles) : IMinidumpStream
{
    public const int HeaderSize = 16;
    public const int DescriptorSize = 32;

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
        Location = allocator.Place(HeaderSize + (long)DescriptorSize * handles.Count);
        foreach (var handle in handles)
        foreach (var text in new[] { handle.TypeName, handle.Name })
            if (text is not null && !_strings.ContainsKey(text))
                _strings[text] = allocator.Place(MinidumpWriter.StringSize(text));
    }

    public void Write(MinidumpWriter writer)
    {
        var at = (long)Location.Rva;
        writer.U32(at, HeaderSize);
        writer.U32(at + 4, DescriptorSize);
        writer.U32(at + 8, (uint)handles.Count);
        for (var i = 0; i < handles.Count; i++)
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
