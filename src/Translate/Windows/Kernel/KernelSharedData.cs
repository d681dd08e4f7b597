using System.Buffers.Binary;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// The _KUSER_SHARED_DATA fields kernel finding uses (offsets from the kernels' public PDBs): the version every x64
/// Windows maps at 0xFFFFF780'00000000, the build number (Windows 10+ only; Windows 7 has no NtBuildNumber there) and
/// the system time, the upper bound for process creation times.
/// </summary>
public sealed record KernelSharedData(uint NtMajorVersion, uint NtMinorVersion, uint NtBuildNumberRaw, DateTime? SystemTime)
{
    public const ulong Address = 0xFFFFF780_00000000;
    public const int SystemTimeOffset = 0x14;
    public const int NtBuildNumberOffset = 0x260;
    public const int NtMajorVersionOffset = 0x26c;
    public const int NtMinorVersionOffset = 0x270;
    public const int Length = 0x274;

    /// <summary>Windows Vista to 11 report 6.0-6.3 or 10.0.</summary>
    public bool IsPlausibleVersion => NtMajorVersion is 6 or 10 && NtMinorVersion <= 3;

    /// <summary>The build (low 16 bits of NtBuildNumber) when this Windows stores one here and it is plausible.</summary>
    public uint? Build => NtMajorVersion >= 10 && (NtBuildNumberRaw & 0xFFFF) is >= 10240 and < 65535 ? NtBuildNumberRaw & 0xFFFF : null;

    /// <summary>Bit 28 of NtBuildNumber: set in free builds (0xF...), clear in checked builds (0xC...).</summary>
    public bool FreeBuild => (NtBuildNumberRaw & 0x1000_0000) != 0;

    public static KernelSharedData Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length) throw new ArgumentException($"KUSER_SHARED_DATA needs 0x{Length:X} bytes", nameof(bytes));
        var low = BinaryPrimitives.ReadUInt32LittleEndian(bytes[SystemTimeOffset..]);
        var high = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(SystemTimeOffset + 4)..]);
        var ticks = (long)((ulong)high << 32 | low);
        DateTime? time = ticks > 0 && ticks < DateTime.MaxValue.Ticks - new DateTime(1601, 1, 1).Ticks ? DateTime.FromFileTimeUtc(ticks) : null;
        return new KernelSharedData(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[NtMajorVersionOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[NtMinorVersionOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[NtBuildNumberOffset..]),
            time);
    }

    public static KernelSharedData? TryRead(IKernelReader kernel, out string? why)
    {
        var bytes = new byte[Length];
        return kernel.TryRead(Address, bytes, out why) ? Parse(bytes) : null;
    }
}
