using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Aff4.Container;

/// <summary>Finds and patches Zip structures in written test archives, to make them corrupt on purpose.</summary>
internal static class ZipBytes
{
    public static readonly byte[] EndSignature = [0x50, 0x4B, 0x05, 0x06];
    public static readonly byte[] Zip64EndSignature = [0x50, 0x4B, 0x06, 0x06];
    public static readonly byte[] Zip64LocatorSignature = [0x50, 0x4B, 0x06, 0x07];
    public static readonly byte[] CentralDirectorySignature = [0x50, 0x4B, 0x01, 0x02];

    public static int End(byte[] zip) => zip.AsSpan().LastIndexOf(EndSignature);
    public static int Zip64End(byte[] zip) => zip.AsSpan().LastIndexOf(Zip64EndSignature);
    public static int Zip64Locator(byte[] zip) => zip.AsSpan().LastIndexOf(Zip64LocatorSignature);

    /// <summary>Offset of the central-directory header whose name is <paramref name="name"/>.</summary>
    public static int CentralDirectoryEntry(byte[] zip, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = zip.AsSpan().IndexOf(CentralDirectorySignature); i >= 0; i = Next(zip, i))
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28));
            if (zip.AsSpan(i + 46, length).SequenceEqual(nameBytes)) return i;
        }
        throw new ArgumentException($"no central directory entry '{name}'");
    }

    public static void PatchUInt16(byte[] zip, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(offset), value);
    public static void PatchUInt32(byte[] zip, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(offset), value);
    public static void PatchUInt64(byte[] zip, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(zip.AsSpan(offset), value);

    private static int Next(byte[] zip, int from)
    {
        var next = zip.AsSpan(from + 4).IndexOf(CentralDirectorySignature);
        return next < 0 ? -1 : from + 4 + next;
    }
}
