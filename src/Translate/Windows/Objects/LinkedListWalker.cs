namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// Walks a circular LIST_ENTRY list from its head, bounded and cycle-safe: it follows Flink until it is back at
/// the head, and when a link is broken (unreadable, not a kernel pointer, or a loop that skips the head) it walks
/// back from the head along Blink to recover the entries past the break. Every break is reported.
/// </summary>
internal static class LinkedListWalker
{
    public const int DefaultLimit = 100_000;

    public sealed record Result(IReadOnlyList<ulong> Entries, IReadOnlyList<string> Problems);

    /// <summary>The addresses of the LIST_ENTRY fields of every element (not including the head).</summary>
    public static Result Walk(KernelStructReader reader, ulong head, bool userSpace = false, int limit = DefaultLimit)
    {
        var entries = new List<ulong>();
        var seen = new HashSet<ulong> { head };
        var problems = new List<string>();
        var closed = Follow(reader, head, head, forward: true, entries, seen, [], problems, userSpace, limit);
        if (!closed)
        {
            var backward = new List<ulong>();
            Follow(reader, head, head, forward: false, backward, [head], seen, problems, userSpace, limit - entries.Count);
            backward.Reverse();
            entries.AddRange(backward);
        }
        return new Result(entries, problems);
    }

    /// <summary>
    /// Follows one direction. Reaching <paramref name="met"/> (entries the other direction already walked) ends the
    /// walk quietly: both halves of a broken list have then been read.
    /// </summary>
    private static bool Follow(KernelStructReader reader, ulong head, ulong from, bool forward, List<ulong> into, HashSet<ulong> seen,
        HashSet<ulong> met, List<string> problems, bool userSpace, int limit)
    {
        var direction = forward ? "Flink" : "Blink";
        var current = from;
        for (var i = 0; i < limit; i++)
        {
            if (!reader.TryU64(current + (forward ? 0UL : 8UL), out var next))
            {
                problems.Add($"list at 0x{head:X}: {direction} of 0x{current:X} cannot be read");
                return false;
            }
            if (next == head) return true;
            if (!Plausible(next, userSpace))
            {
                problems.Add($"list at 0x{head:X}: {direction} of 0x{current:X} is 0x{next:X}, not a valid pointer");
                return false;
            }
            if (met.Contains(next)) return true;
            if (!seen.Add(next))
            {
                problems.Add($"list at 0x{head:X}: {direction} of 0x{current:X} loops back to 0x{next:X} without reaching the head");
                return false;
            }
            into.Add(next);
            current = next;
        }
        problems.Add($"list at 0x{head:X}: more than {limit} entries; stopped");
        return false;
    }

    private static bool Plausible(ulong pointer, bool userSpace) =>
        (pointer & 7) == 0 && (userSpace ? pointer is > 0x10000 and < 0x0000_8000_0000_0000 : pointer >= 0xFFFF_8000_0000_0000);
}
