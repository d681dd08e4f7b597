using System.Text;

namespace MemFs.Tests.Demo;

/// <summary>
/// Where things are in the demo image (for the README and the tests): process IDs, the user-mode regions of each
/// process and which page of them is in which state, and the files the AFF4 volume carries. Every process has its
/// own page tables, so the same virtual address may hold different things in different processes.
/// </summary>
public static class DemoLayout
{
    public const long ExplorerPid = 4312;
    public const long NotepadPid = 6724;
    public const long MalwarePid = 7088;

    /// <summary>explorer.exe's parent (userinit.exe) has exited, as on a real machine.</summary>
    public const long ExplorerParentPid = 4196;

    /// <summary>PEB, process parameters and loader data of every demo process: a private committed VAD of 16 pages.</summary>
    public const ulong PebRegion = 0x0000_0000_7FF0_0000;
    public const int PebRegionPages = 16;

    // --- images (each a "Vad " VadImageMap view; pages 0-1 resident, the rest only in the file unless said) ---
    public const ulong ExplorerExe = 0x0000_7FF6_A1B0_0000;
    public const ulong NotepadExe = 0x0000_7FF7_3C40_0000;
    public const ulong MalwareExe = 0x0000_7FF7_1000_0000;
    public const ulong Ntdll = 0x0000_7FFB_8D10_0000;
    public const int ImagePages = 4;

    /// <summary>
    /// demo.dll, mapped by explorer.exe and notepad.exe (one section, shared prototype PTEs). Page 0 (headers): valid PTE;
    /// 1 (.text): prototype → valid; 2 (.text): prototype → subsection → the file; 3 (.rdata): zero PTE → VAD → prototype
    /// → subsection; 4 (.data): prototype → transition; 5 (.data): prototype → subsection.
    /// </summary>
    public const ulong DemoDll = 0x0000_7FFB_6A20_0000;
    public const int DemoDllPages = 6;
    public const string DemoDllPath = @"C:\Windows\System32\demo.dll";

    // --- explorer.exe ---
    /// <summary>6 valid pages of text.</summary>
    public const ulong ExplorerHeap = 0x0000_0254_3A10_0000;
    public const int ExplorerHeapPages = 6;
    /// <summary>A reserved stack VAD of 16 pages: 0-12 reserved (unreadable), 13 committed demand zero, 14-15 valid.</summary>
    public const ulong ExplorerStack = 0x0000_00C8_1F70_0000;

    // --- notepad.exe ---
    /// <summary>16 committed pages: 0-3 valid text, 4-15 zero PTEs (demand zero).</summary>
    public const ulong NotepadHeap = 0x0000_0211_5C40_0000;
    public const int NotepadHeapValidPages = 4;

    /// <summary>
    /// The document buffer, 16 committed pages: 0-1 valid, 2-4 in pagefile.sys, 5-6 transition (standby list),
    /// 7 a demand-zero PTE, 8-15 zero PTEs (demand zero through the VAD).
    /// </summary>
    public const ulong NotepadDocument = 0x0000_0211_5C60_0000;
    public const int DocumentValidPages = 2;
    public const int DocumentPagefilePages = 3;
    public const int DocumentTransitionPages = 2;

    /// <summary>A read-only view of notes.txt: page 0 a VAD-marker PTE, page 1 a zero PTE, both → subsection → the file.</summary>
    public const ulong NotepadNotesView = 0x0000_0211_5C80_0000;
    public const string NotesPath = @"C:\Users\analyst\Documents\notes.txt";

    /// <summary>A reserved stack VAD of 16 pages: 0-13 reserved, 14-15 valid.</summary>
    public const ulong NotepadStack = 0x0000_0078_2E50_0000;

    // --- malware.exe (unlinked from the active process list) ---
    /// <summary>2 valid pages of text, one naming its command-and-control URL.</summary>
    public const ulong MalwareHeap = 0x0000_01F0_0010_0000;
    /// <summary>2 valid EXECUTE_READWRITE private pages; page 0 starts with an "MZ" header (injected code).</summary>
    public const ulong MalwareInjected = 0x0000_01F0_0020_0000;
    /// <summary>The bulk heap of <see cref="DemoSystem(int)"/>: as many valid private pages as asked for.</summary>
    public const ulong MalwareBulk = 0x0000_0200_0000_0000;
    public const string MalwareUrl = "http://c2.example.invalid/gate.php";

    // --- kernel ---
    public const ulong HalBase = 0xFFFF_F804_7B3A_0000;
    public const ulong DemoSysBase = 0xFFFF_F804_7E10_0000;
    public const string DemoSysPath = @"C:\Windows\System32\drivers\demo.sys";

    public const int Page = 4096;

    /// <summary>One line of demo text: what <c>grep -r "MemFs demo"</c> over the mount finds.</summary>
    public static string Line(string process, string region, int page, string? note = null) =>
        $"MemFs demo: {process} {region} page {page}{(note is null ? "" : " " + note)}\n";

    /// <summary>A 4 KiB page filled with <paramref name="line"/> repeated (the last copy cut at the page end).</summary>
    public static byte[] TextPage(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        var page = new byte[Page];
        for (var at = 0; at < Page; at += bytes.Length) bytes.AsSpan(0, Math.Min(bytes.Length, Page - at)).CopyTo(page.AsSpan(at));
        return page;
    }

    public const string PagefileNote = "(paged out to pagefile.sys)";
    public const string TransitionNote = "(transition: on the standby list)";
}
