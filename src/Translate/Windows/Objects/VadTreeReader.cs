using System.Text;
using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Vads;

namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// Reads a process's VAD tree: Windows 7's _MM_AVL_TABLE (the root is BalancedRoot.RightChild,
/// 64-bit VPNs) and the _RTL_AVL_TREE of Windows 8.1 and later (32-bit VPNs with a high byte). Mapped VADs are
/// followed to their file through Subsection → ControlArea → FilePointer → FILE_OBJECT.FileName. Bounded: nodes,
/// depth and revisits are capped and reported.
/// </summary>
internal sealed class VadTreeReader(KernelStructReader kernel, VadLayout layout, SectionObjectLayout sections)
{
    public const int MaxNodes = 200_000;
    public const int MaxDepth = 256;

    public sealed record Result(IReadOnlyList<VadDescriptor> Vads, IReadOnlyList<string> Problems);

    public Result Read(ulong eprocess)
    {
        var problems = new List<string>();
        // Windows 7: BalancedRoot is a sentinel node embedded in EPROCESS; the tree hangs off its RightChild.
        var rootPointer = eprocess + (ulong)layout.VadRoot + (ulong)layout.RootPointer;
        var vads = new List<VadDescriptor>();
        if (!kernel.TryU64(rootPointer, out var root))
            return new Result([], [$"VadRoot of EPROCESS 0x{eprocess:X} cannot be read"]);
        var (left, right) = ((ulong)layout.LeftChild, (ulong)layout.RightChild);

        var seen = new HashSet<ulong>();
        var stack = new Stack<(ulong Node, int Depth)>();
        if (root != 0) stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (!IsKernelPointer(node)) { problems.Add($"VAD tree: 0x{node:X} is not a kernel pointer"); continue; }
            if (!seen.Add(node)) { problems.Add($"VAD tree: node 0x{node:X} reached twice (cycle)"); continue; }
            if (seen.Count > MaxNodes) { problems.Add($"VAD tree: more than {MaxNodes} nodes; stopped"); break; }
            if (depth > MaxDepth) { problems.Add($"VAD tree: deeper than {MaxDepth}; stopped at 0x{node:X}"); continue; }
            var vad = ReadVad(node, out var problem);
            if (vad is null) { problems.Add(problem!); continue; }
            vads.Add(vad);
            if (kernel.TryU64(node + left, out var l) && l != 0) stack.Push((l, depth + 1));
            if (kernel.TryU64(node + right, out var r) && r != 0) stack.Push((r, depth + 1));
        }
        vads.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new Result(vads, problems);
    }

    private VadDescriptor? ReadVad(ulong vad, out string? problem)
    {
        problem = null;
        ulong startVpn, endVpn;
        var starting = vad + (ulong)layout.StartingVpn;
        var ending = vad + (ulong)layout.EndingVpn;
        if (layout.Windows7Tree)
        {
            if (!kernel.TryU64(starting, out startVpn) || !kernel.TryU64(ending, out endVpn)) { problem = $"VAD 0x{vad:X} cannot be read"; return null; }
        }
        else
        {
            if (!kernel.TryU32(starting, out var s) || !kernel.TryU32(ending, out var e)) { problem = $"VAD 0x{vad:X} cannot be read"; return null; }
            (startVpn, endVpn) = (s | HighByte(vad, layout.StartingVpnHigh) << 32, e | HighByte(vad, layout.EndingVpnHigh) << 32);
        }
        if (endVpn < startVpn || endVpn >= 1UL << 35) { problem = $"VAD 0x{vad:X} has an impossible range (VPN 0x{startVpn:X}-0x{endVpn:X})"; return null; }

        kernel.TryU64(vad + (ulong)layout.Flags, out var flags);
        var protection = (int)layout.Protection.Extract(flags);
        var vadType = (int)layout.VadType.Extract(flags);
        var isPrivate = layout.PrivateMemory.Extract(flags) == 1;
        bool memCommit;
        if (layout.MemCommitInFlags is { } commitInFlags) memCommit = commitInFlags.Extract(flags) == 1;
        else if (layout.MemCommitInPrivateFlags is { } privateCommit) memCommit = isPrivate && privateCommit.Extract(flags) == 1;
        else memCommit = layout.Flags1 is { } u1 && kernel.TryU32(vad + (ulong)u1, out var flags1)
            && layout.MemCommitInFlags1 is { } commit && commit.Extract(flags1) == 1;

        var tag = PoolTag(vad);
        var isShort = tag is "VadS" or "VadF";
        ulong subsection = 0, first = 0, last = 0;
        string? file = null;
        if (!isPrivate && !isShort)
        {
            kernel.TryU64(vad + (ulong)layout.Subsection, out subsection);
            kernel.TryU64(vad + (ulong)layout.FirstPrototypePte, out first);
            kernel.TryU64(vad + (ulong)layout.LastContiguousPte, out last);
            file = FileName(subsection);
        }
        var kind = (tag is null ? "" : tag + " ") + (vadType < VadKinds.VadTypeNames.Count ? VadKinds.VadTypeNames[vadType] : $"VadType {vadType}");
        return new VadDescriptor(startVpn << 12, (endVpn << 12) | 0xFFF, isPrivate || isShort, memCommit, protection, first, last, subsection, file, vad, kind.Trim());
    }

    /// <summary>The VPN's high byte (Windows 8.1 and later), or 0 where the layout has none.</summary>
    private ulong HighByte(ulong vad, int? offset) => offset is { } o && kernel.TryU8(vad + (ulong)o, out var high) ? high : 0UL;

    /// <summary>The file behind a mapped VAD, or null for a pagefile-backed section or an unreadable chain.</summary>
    private string? FileName(ulong subsection)
    {
        if (!IsKernelPointer(subsection) || !kernel.TryU64(subsection + (ulong)(sections.SubsectionControlArea), out var controlArea)
            || !IsKernelPointer(controlArea))
            return null;
        // _CONTROL_AREA.FilePointer is an _EX_FAST_REF: the low 4 bits are a reference count.
        if (!kernel.TryU64(controlArea + (ulong)sections.ControlAreaFilePointer, out var fileObject) || (fileObject &= ~0xFUL) == 0) return null;
        return kernel.UnicodeString(fileObject + (ulong)sections.FileObjectFileName);
    }

    /// <summary>The pool tag 12 bytes before a VAD (x64 pool header): VadS/VadF short VADs, "Vad ", Vadm, Vadl long ones.</summary>
    private string? PoolTag(ulong vad)
    {
        var bytes = kernel.Bytes(vad - 0xC, 4);
        if (bytes is null || bytes.Any(b => b is < 0x20 or > 0x7E)) return null;
        return Encoding.ASCII.GetString(bytes);
    }

    private static bool IsKernelPointer(ulong p) => p >= 0xFFFF_8000_0000_0000 && (p & 7) == 0;
}
