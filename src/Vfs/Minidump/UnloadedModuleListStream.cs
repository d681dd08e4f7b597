using MemFs.Vfs.Modules.UnloadedModules;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// UnloadedModuleListStream: the 12-byte MINIDUMP_UNLOADED_MODULE_LIST header (SizeOfHeader, SizeOfEntry,
/// NumberOfEntries), then a 24-byte MINIDUMP_UNLOADED_MODULE per module (BaseOfImage, SizeOfImage, CheckSum,
/// TimeDateStamp, ModuleNameRva), each name a MINIDUMP_STRING after the list. The modules are ntdll's unload event
/// trace (<see cref="UnloadEventTrace"/>), read when the layout is built: placing the names needs their lengths.
/// </summary>
internal sealed class UnloadedModuleListStream(IReadOnlyList<UnloadedModule> modules) : IMinidumpStream
{
    public const int HeaderSize = 12;
    public const int EntrySize = 24;

    private readonly MinidumpLocation[] _names = new MinidumpLocation[modules.Count];

    public uint Type => MinidumpStreamType.UnloadedModuleList;
    public MinidumpLocation Location { get; private set; }

    public void Place(PrefixAllocator allocator)
    {
        Location = allocator.Place(HeaderSize + (long)EntrySize * modules.Count);
        for (var i = 0; i < modules.Count; i++) _names[i] = allocator.Place(MinidumpWriter.StringSize(modules[i].Name));
    }

    public void Write(MinidumpWriter writer)
    {
        writer.U32(Location.Rva, HeaderSize);
        writer.U32(Location.Rva + 4L, EntrySize);
        writer.U32(Location.Rva + 8L, (uint)modules.Count);
        for (var i = 0; i < modules.Count; i++)
        {
            var module = modules[i];
            var at = Location.Rva + HeaderSize + (long)EntrySize * i;
            writer.U64(at, module.Base);
            writer.U32(at + 8, (uint)Math.Min(module.Size, uint.MaxValue));
            writer.U32(at + 12, module.CheckSum);
            writer.U32(at + 16, module.TimeDateStamp);
            writer.U32(at + 20, _names[i].Rva);
            writer.String(_names[i].Rva, module.Name);
        }
    }
}
