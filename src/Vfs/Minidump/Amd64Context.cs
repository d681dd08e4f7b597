using System.Buffers.Binary;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// The AMD64 CONTEXT record (winnt.h; 0x4D0 bytes): P1Home–P6Home, ContextFlags at 0x30, MxCsr, the six segment
/// selectors from SegCs at 0x38 to SegSs at 0x42, EFlags at 0x44, Dr0–Dr7, Rax at 0x78 … Rsp at 0x98 … R15, Rip at 0xF8,
/// then the floating-point, vector and debug-control areas. ContextFlags says which groups hold values; a reader
/// (WinDbg, lldb's minidump register context) takes only the groups it names.
/// </summary>
internal static class Amd64Context
{
    public const int Size = 0x4D0;

    public const uint Amd64 = 0x0010_0000;
    /// <summary>CONTEXT_CONTROL: SegCs, SegSs, EFlags, Rsp and Rip.</summary>
    public const uint Control = 0x1;
    /// <summary>CONTEXT_INTEGER: Rax, Rcx, Rdx, Rbx, Rbp, Rsi, Rdi and R8–R15.</summary>
    public const uint Integer = 0x2;

    public const int ContextFlagsOffset = 0x30;
    public const int SegCsOffset = 0x38;
    public const int SegSsOffset = 0x42;
    public const int EFlagsOffset = 0x44;
    public const int RspOffset = 0x98;
    public const int RipOffset = 0xF8;

    /// <summary>A CONTEXT holding only the control group: ContextFlags CONTEXT_AMD64 | CONTEXT_CONTROL, every other byte 0.</summary>
    public static byte[] ControlOnly(ushort segCs, ushort segSs, uint eflags, ulong rsp, ulong rip)
    {
        var bytes = new byte[Size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span[ContextFlagsOffset..], Amd64 | Control);
        BinaryPrimitives.WriteUInt16LittleEndian(span[SegCsOffset..], segCs);
        BinaryPrimitives.WriteUInt16LittleEndian(span[SegSsOffset..], segSs);
        BinaryPrimitives.WriteUInt32LittleEndian(span[EFlagsOffset..], eflags);
        BinaryPrimitives.WriteUInt64LittleEndian(span[RspOffset..], rsp);
        BinaryPrimitives.WriteUInt64LittleEndian(span[RipOffset..], rip);
        return bytes;
    }
}
