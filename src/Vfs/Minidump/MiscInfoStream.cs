namespace MemFs.Vfs.Minidump;

/// <summary>
/// MiscInfoStream: the 24-byte MINIDUMP_MISC_INFO (SizeOfInfo, Flags1, ProcessId, ProcessCreateTime as time_t,
/// ProcessUserTime, ProcessKernelTime). Flags1 has MINIDUMP_MISC1_PROCESS_ID, and MINIDUMP_MISC1_PROCESS_TIMES when
/// the EPROCESS gives a create time; the user and kernel times are not read and stay 0.
/// </summary>
internal sealed class MiscInfoStream(long pid, DateTime? created) : IMinidumpStream
{
    public const int Size = 24;
    private const uint ProcessIdFlag = 1, ProcessTimesFlag = 2;

    public uint Type => MinidumpStreamType.MiscInfo;
    public MinidumpLocation Location { get; private set; }

    public void Place(PrefixAllocator allocator) => Location = allocator.Place(Size);

    public void Write(MinidumpWriter writer)
    {
        var at = (long)Location.Rva;
        var seconds = created is { } time ? new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeSeconds() : -1;
        var timeKnown = seconds is >= 0 and <= uint.MaxValue;
        writer.U32(at, Size);
        writer.U32(at + 4, ProcessIdFlag | (timeKnown ? ProcessTimesFlag : 0));
        writer.U32(at + 8, (uint)pid);
        writer.U32(at + 12, timeKnown ? (uint)seconds : 0);
    }
}
