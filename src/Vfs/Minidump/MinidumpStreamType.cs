namespace MemFs.Vfs.Minidump;

/// <summary>MINIDUMP_STREAM_TYPE values of the streams this dump writes (minidumpapiset.h).</summary>
internal static class MinidumpStreamType
{
    public const uint ThreadList = 3;
    public const uint ModuleList = 4;
    public const uint SystemInfo = 7;
    public const uint Memory64List = 9;
    public const uint HandleData = 12;
    public const uint UnloadedModuleList = 14;
    public const uint MiscInfo = 15;
    public const uint MemoryInfoList = 16;
}
