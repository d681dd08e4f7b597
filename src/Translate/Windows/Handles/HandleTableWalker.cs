using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Translate.Windows.Handles;

/// <summary>
/// Walks a _HANDLE_TABLE: TableCode's low 2 bits give the levels (0: one page of entries; 1: a page of pointers to
/// entry pages; 2: a page of pointers to such pages). Bounded by <see cref="MaxHandles"/>, and a page met twice
/// (a cycle) is read once and reported.
/// </summary>
internal static class HandleTableWalker
{
    /// <summary>Windows caps a process at 2^24 handles (handle values are multiples of 4 below 2^26).</summary>
    public const int MaxHandles = 1 << 24;

    private const int PageSize = 4096;
    private const int PointersPerPage = PageSize / 8;

    public static HandleTable Walk(KernelStructReader kernel, HandleLayout layout, ObjectTypes types, ulong objectTable, int limit = MaxHandles)
    {
        var problems = new List<string>();
        var handles = new List<HandleInfo>();
        if (!kernel.TryU64(objectTable + (ulong)layout.TableCode, out var tableCode))
            return new HandleTable([], types.Decoding, [$"_HANDLE_TABLE at 0x{objectTable:X}: TableCode cannot be read"]);
        var levels = (int)(tableCode & 3);
        var root = tableCode & ~3UL;
        if (levels == 3)
            return new HandleTable([], types.Decoding, [$"_HANDLE_TABLE at 0x{objectTable:X}: TableCode 0x{tableCode:X} has level 3 (only 0, 1 and 2 exist)"]);
        var entriesPerPage = PageSize / layout.EntrySize;
        var seen = new HashSet<ulong>();
        var reader = new HandleEntryReader(kernel, layout, types);

        void LowLevel(ulong page, long pageIndex)
        {
            if (handles.Count >= limit || !Visit(page, "entry page")) return;
            if (kernel.Bytes(page, PageSize) is not { } bytes)
            {
                problems.Add($"handle entry page 0x{page:X} cannot be read");
                return;
            }
            // Entry 0 of every entry page is not a handle (Windows keeps it free; handle 0 is never valid).
            for (var i = 1; i < entriesPerPage && handles.Count < limit; i++)
            {
                var low = BitConverter.ToUInt64(bytes, i * layout.EntrySize);
                var high = BitConverter.ToUInt64(bytes, i * layout.EntrySize + 8);
                var handle = (ulong)(pageIndex * entriesPerPage + i) * 4;
                if (reader.Read(handle, low, high, out var problem) is { } info) handles.Add(info);
                else if (problem is not null) problems.Add(problem);
            }
        }

        IEnumerable<(ulong Pointer, int Index)> Pointers(ulong page, string what)
        {
            if (!Visit(page, what)) yield break;
            if (kernel.Bytes(page, PageSize) is not { } bytes)
            {
                problems.Add($"handle table {what} 0x{page:X} cannot be read");
                yield break;
            }
            for (var i = 0; i < PointersPerPage; i++)
            {
                var pointer = BitConverter.ToUInt64(bytes, i * 8);
                if (pointer == 0) continue;
                if (pointer < 0xFFFF_8000_0000_0000 || (pointer & 0xF) != 0)
                    problems.Add($"handle table {what} 0x{page:X}[{i}] = 0x{pointer:X}: not a kernel page pointer");
                else yield return (pointer, i);
            }
        }

        bool Visit(ulong page, string what)
        {
            if (seen.Add(page)) return true;
            problems.Add($"handle table {what} 0x{page:X} is reached twice (a cycle); read once");
            return false;
        }

        if (levels == 0) LowLevel(root, 0);
        else if (levels == 1)
            foreach (var (page, i) in Pointers(root, "level-1 page")) LowLevel(page, i);
        else
            foreach (var (middle, i) in Pointers(root, "level-2 page"))
            foreach (var (page, j) in Pointers(middle, "level-1 page"))
                LowLevel(page, (long)i * PointersPerPage + j);
        if (handles.Count >= limit) problems.Add($"_HANDLE_TABLE at 0x{objectTable:X}: reached the bound of {limit} handles; stopped");
        return new HandleTable(handles, types.Decoding, problems);
    }
}
