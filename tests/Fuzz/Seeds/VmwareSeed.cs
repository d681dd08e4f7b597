using System.Text;
using MemFs.Fuzz.Mutators;
using MemFs.Tests.Translate.Physical.Vmware;

namespace MemFs.Fuzz.Seeds;

/// <summary>
/// The VMware seed's state file: group "memory" with memSize and one region (regionPPN 0, regionPageNum 0, regionSize
/// = all pages) over a .vmem of the physical memory, and group "cpu" with CR64[0][3] (CR3); and the header and tag fields its mutator sets.
/// </summary>
internal static class VmwareSeed
{
    private const int GroupTable = 12;
    private const int GroupEntry = 80;

    public static byte[] State(long pages, ulong cr3) => new TestVmwareStateBuilder()
        .MemoryRegions((0, 0, pages))
        .Group("cpu").Number("CR64", cr3, 8, 0, 3)
        .ToArray();

    /// <summary>The file header, both group entries (tags offset, size) and the value of every tag, by name.</summary>
    public static IReadOnlyList<HeaderField> Fields { get; } = FindFields(State(1, 0));

    private static List<HeaderField> FindFields(byte[] state)
    {
        var fields = new List<HeaderField> { new(0, 4, "magic"), new(4, 4, "reserved"), new(8, 4, "groupCount") };
        for (var g = 0; g < 2; g++)
        {
            fields.Add(new(GroupTable + g * GroupEntry + 64, 8, $"group[{g}].tagsOffset"));
            fields.Add(new(GroupTable + g * GroupEntry + 72, 8, $"group[{g}].size"));
        }
        foreach (var (name, indices, width) in new[] { ("memSize", 0, 4), ("regionsCount", 0, 4), ("regionPPN", 1, 4), ("regionPageNum", 1, 4), ("regionSize", 1, 4), ("CR64", 2, 8) })
        {
            var at = state.AsSpan().IndexOf(Encoding.ASCII.GetBytes(name));
            fields.Add(new(at - 2, 1, $"{name} tag flags"));
            fields.Add(new(at - 1, 1, $"{name} name length"));
            fields.Add(new(at + name.Length + 4 * indices, width, name));
        }
        return fields;
    }
}
