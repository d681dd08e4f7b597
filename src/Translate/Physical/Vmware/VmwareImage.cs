using System.Buffers.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Vmware;

/// <summary>
/// A suspended or snapshotted VMware guest: the .vmem holds the memory, the .vmss/.vmsn state file says
/// where. Group "memory" lists regions (regionPPN[i], regionPageNum[i], regionSize[i], in 4 KiB pages);
/// without regions the .vmem is flat from physical address 0.
/// </summary>
internal static class VmwareImage
{
    public const int PageSize = 4096;
    public const string MemoryGroup = "memory";
    public const string CpuGroup = "cpu";

    public static bool IsStateFile(ReadOnlySpan<byte> head) => VmwareStateFile.IsMagic(head);

    /// <summary>The state file beside a .vmem: same base name, .vmss (suspended) first, then .vmsn (snapshot).</summary>
    public static string? FindStateFile(string vmemPath) => Sibling(vmemPath, ".vmss") ?? Sibling(vmemPath, ".vmsn");

    /// <summary>The .vmem beside a state file, same base name.</summary>
    public static string? FindMemoryFile(string statePath) => Sibling(statePath, ".vmem");

    /// <summary>Opens memory stored in <paramref name="vmem"/> as <paramref name="state"/> lays it out; the image owns both sources.</summary>
    public static PhysicalImage Open(IByteSource vmem, IByteSource state)
    {
        var stateFile = VmwareStateFile.Read(state);
        var regions = VmwareRegions.Read(stateFile);
        var format = regions.Count == 0
            ? $"VMware .vmem, flat (the state file {Path.GetFileName(state.Name)} lists no memory regions: physical memory from address 0)"
            : $"VMware .vmem with state file {Path.GetFileName(state.Name)} ({regions.Count} memory regions)";
        return Build(vmem.Name, vmem, stateFile, regions, format, state);
    }

    /// <summary>
    /// Opens a state file that carries the memory itself in the "Memory" block of group "memory" (older
    /// snapshots without a .vmem). Compressed memory is not supported.
    /// </summary>
    public static PhysicalImage OpenStateOnly(IByteSource state)
    {
        var stateFile = VmwareStateFile.Read(state);
        var block = stateFile.Group(MemoryGroup)?.Find("Memory");
        if (block is null || !block.IsBlock)
            throw new ImageFormatException(state.Name, null, "group \"memory\" has no \"Memory\" block: the memory is in a separate .vmem file");
        if (block.IsCompressed)
            throw new ImageFormatException(state.Name, block.Offset, "group \"memory\", tag \"Memory\": the memory block is compressed, which is not supported");
        var regions = VmwareRegions.Read(stateFile);
        var format = $"VMware state file with embedded memory ({(regions.Count == 0 ? "flat" : $"{regions.Count} memory regions")})";
        return Build(state.Name, new VmwareMemoryBlock(state, block.DataOffset, block.DataSize), stateFile, regions, format);
    }

    private static PhysicalImage Build(string path, IByteSource memorySource, VmwareStateFile stateFile,
        IReadOnlyList<(MappedRun Run, long At)> regions, string format, params IDisposable[] alsoOwned)
    {
        MappedRun[] runs = regions.Count == 0 ? [new MappedRun(0, memorySource.Length, 0)] : regions.Select(r => r.Run).ToArray();
        var table = RunTable.Validate(runs, memorySource.Name, memorySource.Length, regions.Count == 0 ? "file size" : $"{stateFile.Name} memory regions");
        var memory = new RunMappedMemory(format, memorySource, table);
        var warnings = stateFile.Warnings.Concat(table.Warnings).ToList();
        return new PhysicalImage(path, memory, Facts(stateFile), warnings, [], [memory, .. alsoOwned]);
    }

    private static ImageFacts Facts(VmwareStateFile state)
    {
        var cpu = state.Group(CpuGroup);
        var other = new List<KeyValuePair<string, string>>
        {
            new("VMware state file", state.Name),
            new("VMware state version", $"{state.Version} (magic 0x{state.Magic:X8})"),
            new("VMware state groups", string.Join(", ", state.Groups.Select(g => g.Name))),
        };
        var memSize = state.Group(MemoryGroup)?.Find("memSize") ?? state.Groups.Select(g => g.Find("memSize")).FirstOrDefault(t => t is not null);
        if (memSize?.Number is { } size) other.Add(new("VMware memSize", size.ToString()));
        return new ImageFacts
        {
            DirectoryTableBase = cpu?.Find("CR64", 0, 3)?.Number,
            NumberProcessors = cpu?.Find("cpu:numVCPUs")?.Number is { } n && n <= uint.MaxValue ? (uint)n : null,
            Imager = "VMware",
            Other = other,
        };
    }

    private static string? Sibling(string path, string extension)
    {
        var full = Path.GetFullPath(path);
        var candidate = Path.ChangeExtension(full, extension);
        if (File.Exists(candidate)) return candidate;
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory)) return null;
        var wanted = Path.GetFileName(candidate);
        try
        {
            return Directory.EnumerateFiles(directory).FirstOrDefault(f => string.Equals(Path.GetFileName(f), wanted, StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
