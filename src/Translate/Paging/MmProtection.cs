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
}
