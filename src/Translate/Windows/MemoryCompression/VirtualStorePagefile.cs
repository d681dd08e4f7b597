using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// The paging file number of the virtual store, read from the kernel: nt!MmPagingFile is an array of
/// MAX_PAGING_FILES (16) pointers to _MMPAGING_FILE, and the one whose VirtualStorePagefile bit is set is the store;
/// its PageFileNumber is what the PTEs of compressed pages carry in PageFileLow. Without the symbol or the fields
/// the conventional number 2 is kept, and the source says why.
/// </summary>
internal static class VirtualStorePagefile
{
    public const int MaxPagingFiles = 16;
    public const int Conventional = 2;
    private const string Number = "_MMPAGING_FILE.PageFileNumber";
    private const string Flag = "_MMPAGING_FILE.VirtualStorePagefile";

    /// <summary>The number, and where it came from.</summary>
    public static (int Number, string Source) Find(KernelIdentity identity, KernelProfile profile, IKernelReader kernel)
    {
        if (profile.Rva("MmPagingFile") is not { } rva) return Fallback("the profile has no MmPagingFile");
        if (profile.Offset(Number) is not { } numberOffset || profile.Bit(Number) is not { } numberBits
            || profile.Offset(Flag) is not { } flagOffset || profile.Bit(Flag) is not { } flagBit)
            return Fallback($"the profile lacks {Number} or {Flag}");
        var memory = new StoreMemory(kernel);
        var array = identity.Base + rva;
        var problems = new List<string>();
        for (var i = 0; i < MaxPagingFiles; i++)
        {
            try
            {
                var file = memory.U64(array + (ulong)i * 8, $"MmPagingFile[{i}]");
                if (file == 0) continue;
                StoreMemory.RequireKernelPointer(file, $"MmPagingFile[{i}]");
                if (Field(memory.U16(file + (ulong)flagOffset, Flag), flagBit) == 0) continue;
                var number = (int)Field(memory.U16(file + (ulong)numberOffset, Number), numberBits);
                return (number, $"paging file {number}: MmPagingFile[{i}] 0x{file:X} has {Flag} set ({profile.Rvas["MmPagingFile"].Source})");
            }
            catch (StoreWalkException e)
            {
                problems.Add(e.Message);
            }
        }
        return Fallback(problems.Count == 0
            ? $"no entry of MmPagingFile (0x{array:X}, {MaxPagingFiles} entries) has {Flag} set"
            : $"no readable entry of MmPagingFile (0x{array:X}) has {Flag} set: {string.Join("; ", problems.Take(3))}");
    }

    private static (int, string) Fallback(string why) => (Conventional, $"paging file {Conventional} (the conventional number: {why})");

    /// <summary>A bit field of a 16-bit word (PageFileNumber is 4 bits, the flags 1 bit each, in one USHORT).</summary>
    private static uint Field(ushort word, BitField bits) => bits.Position + bits.Length > 16 ? 0 : (uint)(word >> bits.Position) & ((1u << bits.Length) - 1);
}
