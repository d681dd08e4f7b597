namespace MemFs.Translate.Physical.CrashDump;

/// <summary>The header's DumpType values (DUMP_TYPE) and how MemFs reads each.</summary>
internal static class DumpTypes
{
    public const uint Full = 1;
    public const uint Summary = 2;
    public const uint Header = 3;
    public const uint Triage = 4;
    public const uint BitmapKernel = 5;
    public const uint BitmapFull = 6;
    public const uint Automatic = 7;

    /// <summary>Newer debugger-written bitmap dumps (.dump /k, /ka, /f), with the same SUMMARY_DUMP header.</summary>
    public const uint KernelMemory = 8;
    public const uint KernelAndUserMemory = 9;
    public const uint CompleteMemory = 10;

    /// <summary>The display name, or null for a value that is no DUMP_TYPE at all.</summary>
    public static string? Name(uint dumpType) => dumpType switch
    {
        0 => "unknown",
        Full => "full (run-based)",
        Summary => "summary (old kernel dump)",
        Header => "header only",
        Triage => "triage (mini kernel)",
        BitmapKernel => "bitmap (kernel or automatic)",
        BitmapFull => "bitmap (active/full)",
        Automatic => "automatic",
        KernelMemory => "bitmap (kernel memory, .dump /k)",
        KernelAndUserMemory => "bitmap (kernel and user memory, .dump /ka)",
        CompleteMemory => "bitmap (complete memory, .dump /f)",
        _ => null,
    };

    /// <summary>Page data described by a SUMMARY_DUMP bitmap right after the header.</summary>
    public static bool IsBitmap(uint dumpType) =>
        dumpType is BitmapKernel or BitmapFull or KernelMemory or KernelAndUserMemory or CompleteMemory;
}
