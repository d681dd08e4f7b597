namespace MemFs.Translate.Physical.CrashDump;

/// <summary>Windows fills unused header space with the ASCII text "PAGE"; a field holding it was never written.</summary>
internal static class DumpFill
{
    public const uint Page = 0x45474150;
}
