using System.Buffers.Binary;

namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// Kernel reads for the store walk: every value is read with what it is, and a pointer is believed only if it is
/// canonical and in the kernel half; a failure throws <see cref="StoreWalkException"/> naming the address.
/// </summary>
internal sealed class StoreMemory(IKernelReader kernel)
{
    public void Read(ulong kva, Span<byte> destination, string what)
    {
        if (!kernel.TryRead(kva, destination, out var why))
            throw new StoreWalkException($"{what} at kernel 0x{kva:X} cannot be read: {why}");
    }

    public ulong U64(ulong kva, string what)
    {
        Span<byte> b = stackalloc byte[8];
        Read(kva, b, what);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    public uint U32(ulong kva, string what)
    {
        Span<byte> b = stackalloc byte[4];
        Read(kva, b, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    public ushort U16(ulong kva, string what)
    {
        Span<byte> b = stackalloc byte[2];
        Read(kva, b, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(b);
    }

    /// <summary>A kernel pointer read at <paramref name="kva"/>: non-zero, canonical, in the kernel half.</summary>
    public ulong Pointer(ulong kva, string what)
    {
        var value = U64(kva, what);
        RequireKernelPointer(value, $"{what} (read at 0x{kva:X})");
        return value;
    }

    public static void RequireKernelPointer(ulong value, string what)
    {
        if (value == 0) throw new StoreWalkException($"{what} is null");
        if ((value >> 47) != 0x1FFFF) throw new StoreWalkException($"{what} 0x{value:X} is not a canonical kernel address");
    }
}
