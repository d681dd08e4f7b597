namespace MemFs.Translate.Paging;

/// <summary>
/// The 5-bit MM protection code of _MMPTE_SOFTWARE.Protection and _MMVAD_FLAGS.Protection (an index into
/// nt!MmProtectToValue).
/// </summary>
public static class MmProtection
{
    public const int Decommit = 0x10;
    public const int NoAccess = 0x18;

    private static readonly string[] Base =
        ["ZERO_ACCESS", "READONLY", "EXECUTE", "EXECUTE_READ", "READWRITE", "WRITECOPY", "EXECUTE_READWRITE", "EXECUTE_WRITECOPY"];

    public static string Name(int protection)
    {
        protection &= 0x1F;
        return protection switch
        {
            Decommit => "MM_DECOMMIT",
            NoAccess => "MM_NOACCESS",
            0x1F => "MM_OUTSWAPPED_KSTACK",
            _ => (protection >> 3) switch
            {
                0 => Base[protection & 7],
                1 => "NOCACHE|" + Base[protection & 7],
                2 => "GUARD|" + Base[protection & 7],
                _ => "WRITECOMBINE|" + Base[protection & 7],
            },
        };
    }

    // PAGE_NOACCESS, PAGE_READONLY, PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_READWRITE, PAGE_WRITECOPY,
    // PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY (winnt.h memory protection constants), in MM index order.
    private static readonly uint[] PageBase = [0x01, 0x02, 0x10, 0x20, 0x04, 0x08, 0x40, 0x80];
    private const uint PageGuard = 0x100, PageNoCache = 0x200, PageWriteCombine = 0x400;

    /// <summary>The Win32 PAGE_* value of an MM protection code (what VirtualQuery reports); MM_DECOMMIT, MM_NOACCESS and
    /// MM_OUTSWAPPED_KSTACK are PAGE_NOACCESS.</summary>
    public static uint ToPageProtection(int protection)
    {
        protection &= 0x1F;
        if (protection is Decommit or NoAccess or 0x1F) return PageBase[0];
        var value = PageBase[protection & 7];
        return (protection >> 3) switch
        {
            0 => value,
            1 => value | PageNoCache,
            2 => value | PageGuard,
            _ => value | PageWriteCombine,
        };
    }
}
