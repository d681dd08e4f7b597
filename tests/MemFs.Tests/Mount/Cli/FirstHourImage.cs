using System.Text;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Issue 12's acceptance image, built like the one analysts met: the <see cref="SwapperWindowsRaw"/> swapper (its main
/// private region mixing pages with content, decommitted, paged-out and compressed pages) plus a view of a mapped data
/// file whose size is not a multiple of the page size, served from a <c>--files</c> tree that holds it only under a
/// <c>C/</c> drive-letter folder, and a process unlinked from the active list (found only by the EPROCESS scan) with a
/// tagged private page. Deleted on dispose.
/// </summary>
internal sealed class FirstHourImage : IDisposable
{
    public const ulong ViewStart = 0x0000_0000_5000_0000;
    public const string KernelPath = @"\Users\analyst\Documents\evidence.dat";

    /// <summary>Not a multiple of 4 KiB: the view's last page (file offset 0x5F000) holds 0x474 bytes of the file, then zeros.</summary>
    public const int FileLength = 0x5F474;
    public const int ViewPages = (FileLength + 4095) / 4096;
    public const int LastPage = ViewPages - 1;
    public const string FileTag = "FILETAG";

    public const long HiddenPid = 0x2A0C;
    public const string HiddenName = "hidden.exe";
    public const ulong HiddenHeap = 0x0000_0000_6000_0000;
    public const int HiddenHeapPages = 4;
    public const string HiddenTag = "HIDDENTAG-first-hour";

    private readonly SectionPageState[] _viewStates = new SectionPageState[ViewPages];

    public FirstHourImage()
    {
        FileBytes = DataFile();
        Swapper = new SwapperWindowsRaw((objects, swapper) =>
        {
            swapper.Vads.Add(MapView(objects.Image));
            Hidden = AddHidden(objects, swapper.Pid);
        });
        Files = Path.Combine(Swapper.Directory, "files");
        var onDisk = Path.Combine(Files, "C", "Users", "analyst", "Documents");
        Directory.CreateDirectory(onDisk);
        File.WriteAllBytes(Path.Combine(onDisk, "evidence.dat"), FileBytes);
    }

    public SwapperWindowsRaw Swapper { get; }
    public TestWindowsSystem.BuiltProcess Hidden { get; private set; } = null!;

    /// <summary>The mapped file as it lies on disk: every page starts with a tag line, every byte up to its end is non-zero.</summary>
    public byte[] FileBytes { get; }

    /// <summary>A <c>--files</c> tree with the file under <c>C/Users/analyst/Documents</c> and nothing at the top.</summary>
    public string Files { get; }
    public IReadOnlyList<SectionPageState> ViewStates => _viewStates;
    public static ulong ViewEnd => ViewStart + ViewPages * 4096UL - 1;
    public static string ViewRegionName => $"0x{ViewStart:X12}-0x{ViewEnd:X12}-mapped-file-evidence.dat.bin";
    public static string HiddenRegionName => $"0x{HiddenHeap:X12}-0x{HiddenHeap + HiddenHeapPages * 4096UL - 1:X12}-private.bin";

    /// <summary>The view's bytes when the file can be read: the file, then zeros to the end of its last page.</summary>
    public byte[] ViewBytes()
    {
        var bytes = new byte[ViewPages * 4096];
        FileBytes.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>
    /// A view of the whole file (a data section: StartingSector counts pages) through prototype PTEs: two pages resident,
    /// one on the standby list, the others only in the file, reached from a prototype pointer or from a zero PTE through
    /// the VAD. The page before the last is resident so the last page, from the file, is a vadmap line of its own.
    /// </summary>
    private VadDescriptor MapView(TestWindowsImage image)
    {
        var prototypes = image.PrototypeArray(ViewPages);
        var subsection = image.FileSection(KernelPath, image: false, prototypes, ViewPages, 0);
        var bytes = ViewBytes();
        for (var page = 0; page < ViewPages; page++)
        {
            var state = _viewStates[page] = page switch
            {
                0 or LastPage - 1 => SectionPageState.Resident,
                1 => SectionPageState.Transition,
                < 0x30 or LastPage => SectionPageState.FileOnly,
                _ => SectionPageState.ZeroPteFileOnly,
            };
            image.MapSectionPage(ViewStart + (ulong)page * 4096, prototypes + (ulong)page * 8, state, bytes.AsSpan(page * 4096, 4096), subsection, 4);
        }
        return new VadDescriptor(ViewStart, ViewEnd, false, false, 4, prototypes, prototypes + (ulong)LastPage * 8, subsection, KernelPath, Kind: "Vad ");
    }

    /// <summary>Unlinked from ActiveProcessLinks the way DKOM hides a process; its heap's first page is tagged, the rest demand zero.</summary>
    private static TestWindowsSystem.BuiltProcess AddHidden(TestWindowsSystem objects, long parent)
    {
        var hidden = objects.AddProcess(HiddenPid, parent, HiddenName, new DateTime(2021, 2, 21, 1, 31, 55, DateTimeKind.Utc), linked: false);
        var image = objects.Image;
        var page = new byte[4096];
        Encoding.ASCII.GetBytes(HiddenTag + "\n").CopyTo(page, 0);
        image.SetPte(HiddenHeap, TestWindowsImage.Valid(image.FrameWith(page)));
        for (var k = 1; k < HiddenHeapPages; k++) image.SetPte(HiddenHeap + (ulong)k * 4096, 0);
        hidden.Vads.Add(new VadDescriptor(HiddenHeap, HiddenHeap + HiddenHeapPages * 4096UL - 1, true, true, 4, 0, 0, 0, null, Kind: "VadS"));
        objects.WriteVadTree(hidden);
        return hidden;
    }

    private static byte[] DataFile()
    {
        var bytes = new byte[FileLength];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i % 64 == 63 ? '\n' : 'a' + i % 26);
        for (var page = 0; page < ViewPages; page++) Encoding.ASCII.GetBytes($"{FileTag}-{page:D4}\n").CopyTo(bytes, page * 4096);
        return bytes;
    }

    public void Dispose() => Swapper.Dispose();
}
