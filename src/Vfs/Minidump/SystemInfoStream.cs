namespace MemFs.Vfs.Minidump;

/// <summary>
/// SystemInfoStream: the 56-byte MINIDUMP_SYSTEM_INFO (ProcessorArchitecture AMD64, level and revision unknown (0),
/// NumberOfProcessors, ProductType, Major/Minor/BuildNumber, PlatformId VER_PLATFORM_WIN32_NT, CSDVersionRva, SuiteMask,
/// CPU_INFORMATION left zero), then the CSDVersion MINIDUMP_STRING (empty: the service pack is not read).
/// </summary>
internal sealed class SystemInfoStream(Func<SystemFacts> facts) : IMinidumpStream
{
    public const int Size = 56;
    public const ushort ArchitectureAmd64 = 9;
    public const uint PlatformWin32Nt = 2;

    private MinidumpLocation _csdVersion;

    public uint Type => MinidumpStreamType.SystemInfo;
    public MinidumpLocation Location { get; private set; }

    public void Place(PrefixAllocator allocator)
    {
        Location = allocator.Place(Size);
        _csdVersion = allocator.Place(MinidumpWriter.StringSize(""));
    }

    public void Write(MinidumpWriter writer)
    {
        var system = facts();
        var at = (long)Location.Rva;
        writer.U16(at, ArchitectureAmd64);
        writer.U8(at + 6, system.Processors);
        writer.U8(at + 7, system.ProductType);
        writer.U32(at + 8, system.Major);
        writer.U32(at + 12, system.Minor);
        writer.U32(at + 16, system.Build);
        writer.U32(at + 20, PlatformWin32Nt);
        writer.U32(at + 24, _csdVersion.Rva);
        writer.String(_csdVersion.Rva, "");
    }
}
