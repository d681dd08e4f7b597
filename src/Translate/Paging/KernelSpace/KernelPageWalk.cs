using System.Buffers.Binary;
using MemFs.Translate.Extended;

namespace MemFs.Translate.Paging.KernelSpace;

/// <summary>
/// Walks the kernel half of the page tables (PML4 entries 256–511) once, table by table: whole non-present PML4,
/// PDPT and PD entries are skipped at once, present and transition tables are read through the translator's
/// table-page cache, large pages end the walk of their entry. Hostile tables stay bounded: the PML4 entry that points
/// at the PML4 is the self-map (its 512 GiB are the page tables, listed from the tables the walk read, never walked),
/// an entry that points back at a table above it is a cycle and is not followed, and at most
/// <see cref="MaxTables"/> tables are read and <see cref="MaxRuns"/> runs kept.
/// </summary>
public sealed class KernelPageWalk
{
    /// <summary>Page tables read at most: 2^17 PTs map 256 GiB in 4 KiB pages (512 MiB of tables read).</summary>
    public const long MaxTables = 1 << 17;

    /// <summary>Runs kept at most (a hostile table can alternate kinds entry by entry).</summary>
    public const int MaxRuns = 1 << 20;

    private const int MaxProblems = 32;
    private const ulong Frame52 = SoftwarePteLayout.Frame52;
    private static readonly string[] TableNames = ["PT", "PD", "PDPT", "PML4"];

    private readonly WindowsTranslator _translator;
    private readonly long _maxTables;
    private readonly List<KernelPageRun> _runs = [];
    private readonly List<ulong> _tablePages = [];
    private readonly List<string> _problems = [];
    private readonly ulong[] _path = new ulong[4];
    private SelfMap? _selfMap;
    private long _tables;
    private bool _truncated;
    private int _moreProblems;

    private KernelPageWalk(WindowsTranslator translator, long maxTables)
    {
        _translator = translator;
        _maxTables = maxTables;
    }

    /// <summary>The kernel half of the address space whose PML4 is at <paramref name="dtb"/> (the kernel's: the System process's DirectoryTableBase).</summary>
    public static KernelPageMap Of(WindowsTranslator translator, ulong dtb, long maxTables = MaxTables) => new KernelPageWalk(translator, maxTables).Walk(dtb);

    private KernelPageMap Walk(ulong dtb)
    {
        var pml4Frame = dtb & Frame52;
        if (!_translator.TryReadTable(ExtendedLocation.Physical((long)pml4Frame), out var pml4, out var why))
        {
            Problem($"the PML4 at physical 0x{pml4Frame:X} (DTB 0x{dtb:X}) cannot be read: {why}");
            return Result(dtb, 0);
        }
        _tables = 1;
        _path[3] = pml4Frame;
        var present = 0;
        var selfReferences = new bool[512];
        for (var i = 256; i < 512; i++)
        {
            var raw = Entry(pml4, i);
            if ((raw & 1) == 0) continue;
            present++;
            if ((raw & Frame52) != pml4Frame) continue;
            selfReferences[i] = true;
            if (_selfMap is { } first) Problem($"PML4 entry 0x{i:X} also points at the PML4 (the self-map is entry 0x{first.Index:X}): not walked");
            else _selfMap = new SelfMap(i);
        }
        if (_selfMap is { } self) _tablePages.Add(self.TableAddress(3, 0));
        for (var i = 256; i < 512 && !_truncated; i++)
            if (!selfReferences[i]) Upper(Entry(pml4, i), SelfMap.Compose(i, 0, 0, 0), 3);
        return Result(dtb, present);
    }

    /// <summary>An entry of a PML4 (level 3), PDPT (2) or PD (1): a large page, or the table below to walk.</summary>
    private void Upper(ulong raw, ulong va, int level)
    {
        if (raw == 0) return;
        long frame;
        if ((raw & 1) != 0)
        {
            // Bit 7 is PS only in a present PDPTE or PDE.
            if (level is 1 or 2 && (raw & 0x80) != 0)
            {
                Add(va, va + ((1UL << (12 + 9 * level)) - 1), level == 2 ? KernelPageKind.LargePage1G : KernelPageKind.LargePage2M);
                return;
            }
            frame = (long)(raw & Frame52);
        }
        else
        {
            var entry = _translator.Decoder.DecodeUpperLevel(raw);
            if (entry.Kind is PteKind.Zero or PteKind.DemandZero) return;
            if (entry.Kind != PteKind.Transition)
            {
                Problem($"the {TableNames[level]} entry for 0x{va:X} is not present ({entry.Problem ?? entry.Kind.ToString()}, 0x{raw:X16}): its {Size(level)} are not walked");
                return;
            }
            frame = entry.FrameAddress;
        }
        for (var above = level; above < 4; above++)
            if (_path[above] == (ulong)frame)
            {
                Problem($"the {TableNames[level]} entry for 0x{va:X} points back at the {TableNames[above]} above it (physical 0x{frame:X}), a cycle: not walked");
                return;
            }
        Table(ExtendedLocation.Physical(frame), va, level - 1);
    }

    /// <summary>A PDPT (level 2), PD (1) or PT (0) mapping from <paramref name="va"/>.</summary>
    private void Table(ExtendedLocation table, ulong va, int level)
    {
        if (_tables >= _maxTables)
        {
            _truncated = true;
            return;
        }
        _tables++;
        if (!_translator.TryReadTable(table, out var entries, out var why))
        {
            Problem($"the {TableNames[level]} for 0x{va:X} at {table} cannot be read: {why}");
            return;
        }
        if (_selfMap is { } self) _tablePages.Add(self.TableAddress(level, va));
        _path[level] = (ulong)table.Offset;
        var step = 1UL << (12 + 9 * level);
        for (var i = 0; i < 512 && !_truncated; i++)
        {
            var raw = Entry(entries, i);
            if (raw == 0) continue;
            var at = va + (ulong)i * step;
            if (level > 0) Upper(raw, at, level);
            else Leaf(raw, at);
        }
        _path[level] = 0;
    }

    private void Leaf(ulong raw, ulong va)
    {
        var kind = _translator.Decoder.DecodeLeaf(raw).Kind switch
        {
            PteKind.Zero => (KernelPageKind?)null,
            PteKind.Valid => KernelPageKind.Valid,
            PteKind.Transition => KernelPageKind.Transition,
            PteKind.Pagefile => KernelPageKind.Pagefile,
            _ => KernelPageKind.Software,
        };
        if (kind is { } k) Add(va, va + 4095, k);
    }

    private void Add(ulong start, ulong last, KernelPageKind kind)
    {
        if (_runs.Count > 0 && _runs[^1] is var previous && previous.Last + 1 == start && previous.Kind == kind)
        {
            _runs[^1] = previous with { Last = last };
            return;
        }
        if (_runs.Count >= MaxRuns)
        {
            _truncated = true;
            return;
        }
        _runs.Add(new KernelPageRun(start, last, kind));
    }

    private KernelPageMap Result(ulong dtb, int present)
    {
        // The self-map's pages: one per table read, apart from the runs (the self-map entry is not walked).
        _tablePages.Sort();
        var runs = new List<KernelPageRun>(_runs.Count + 16);
        var tables = new List<KernelPageRun>();
        foreach (var page in _tablePages)
        {
            if (tables.Count > 0 && tables[^1].Last >= page) continue;
            if (tables.Count > 0 && tables[^1].Last + 1 == page) tables[^1] = tables[^1] with { Last = page + 4095 };
            else tables.Add(new KernelPageRun(page, page + 4095, KernelPageKind.PageTable));
        }
        runs.AddRange(_runs);
        runs.AddRange(tables);
        runs.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (_truncated) _problems.Insert(0, $"the walk stopped after {_tables:N0} page tables and {_runs.Count:N0} runs (at most {_maxTables:N0} and {MaxRuns:N0}): what follows is not listed");
        if (_moreProblems > 0) _problems.Add($"and {_moreProblems} more problems like these");
        return new KernelPageMap(dtb, runs, _selfMap, present, _tables, _truncated, _problems);
    }

    private void Problem(string text)
    {
        if (_problems.Count < MaxProblems) _problems.Add(text);
        else _moreProblems++;
    }

    private static string Size(int level) => level switch { 3 => "512 GiB", 2 => "1 GiB", _ => "2 MiB" };

    private static ulong Entry(byte[] table, int index) => BinaryPrimitives.ReadUInt64LittleEndian(table.AsSpan(index * 8));
}
