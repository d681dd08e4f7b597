using MemFs.Aff4.Binary;
using MemFs.Aff4.Caching;
using MemFs.Translate.Physical.Aff4;
using MemFs.Translate.Physical.CrashDump;
using MemFs.Translate.Physical.Elf;
using MemFs.Translate.Physical.Lime;
using MemFs.Translate.Physical.Raw;
using MemFs.Translate.Physical.Sources;
using MemFs.Translate.Physical.Vmware;

namespace MemFs.Translate.Physical;

/// <summary>
/// Opens any supported memory image, recognised by content, never by file extension: crash dumps, LiME,
/// ELF cores, AFF4 (a Zip), VMware state files, a .vmem with its state file beside it, and else raw.
/// </summary>
internal static class PhysicalImageOpener
{
    private const int HeadBytes = 64;

    public static PhysicalImage Open(string path, ChunkCache? cache = null)
    {
        EvidenceFile.Require(path);
        var source = new FileByteSource(path);
        try
        {
            var head = new byte[(int)Math.Min(HeadBytes, source.Length)];
            source.ReadExactly(0, head, "file header");
            if (CrashDumpImage.IsCrashDump(head)) return CrashDumpImage.Open(source);
            if (LimeImage.IsLime(head)) return LimeImage.Open(source);
            if (ElfCoreImage.IsElf(head)) return ElfCoreImage.Open(source);
            if (VmwareImage.IsStateFile(head))
            {
                var vmem = VmwareImage.FindMemoryFile(path) ?? throw new ImageFormatException(path, 0,
                    "a VMware state file, but no .vmem with the same name lies beside it (memory embedded in a .vmsn is not supported)");
                return VmwareImage.Open(new FileByteSource(vmem), source);
            }
            if (LooksLikeZip(source, head))
            {
                source.Dispose();
                return Aff4PhysicalImage.Open([path], cache);
            }
            if (VmwareImage.FindStateFile(path) is { } state) return VmwareImage.Open(source, new FileByteSource(state));
            return RawImage.Open(source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>A Zip starts with a local header or an empty archive's end record (AFF4 volumes are Zip files).</summary>
    private static bool LooksLikeZip(IByteSource source, ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] is 3 or 5 && head[3] is 4 or 6) return true;
        // An AFF4 volume appended to an executable (WinPmem 2.x) starts with "MZ": look for the end record instead.
        var tailLength = (int)Math.Min(source.Length, 22 + 65535);
        if (tailLength < 22) return false;
        var tail = new byte[tailLength];
        source.ReadExactly(source.Length - tailLength, tail, "Zip end record search");
        for (var i = tail.Length - 22; i >= 0; i--)
            if (tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6 && i + 22 + BitConverter.ToUInt16(tail, i + 20) == tail.Length)
                return true;
        return false;
    }
}
