using System.Buffers.Binary;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// What SystemInfoStream says about the machine: the version and build from KUSER_SHARED_DATA (else the build the
/// kernel identity chose), and ActiveProcessorCount (0x3C0) and NtProductType (0x264) from KUSER_SHARED_DATA, the
/// offsets every x64 kernel from Windows 10 1507 to 11 has in its PDB. What could not be read is 0.
/// </summary>
internal sealed record SystemFacts(uint Major, uint Minor, uint Build, byte Processors, byte ProductType)
{
    private const int ActiveProcessorCountOffset = 0x3C0;
    private const int NtProductTypeOffset = 0x264;

    public static SystemFacts Of(WindowsSystem system)
    {
        var shared = system.Identity?.SharedData;
        var (major, minor) = shared is { IsPlausibleVersion: true } s ? (s.NtMajorVersion, s.NtMinorVersion) : (0u, 0u);
        var build = shared?.Build ?? system.Identity?.Build ?? 0;
        Span<byte> field = stackalloc byte[4];
        var processors = system.Translator.TryRead(KernelSharedData.Address + ActiveProcessorCountOffset, field, out _)
            ? (byte)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(field), byte.MaxValue) : (byte)0;
        var product = system.Translator.TryRead(KernelSharedData.Address + NtProductTypeOffset, field, out _)
                      && BinaryPrimitives.ReadUInt32LittleEndian(field) is var type and >= 1 and <= 3 ? (byte)type : (byte)0;
        return new SystemFacts(major, minor, build, processors, product);
    }
}
