using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>
/// Memory compression added to a full test machine (<see cref="TestWindowsSystem"/>): a minimal MemCompression process
/// with an address space of its own whose private VAD holds the store's regions, the store's kernel structures
/// (<see cref="TestCompressedStore"/>, the build's layout), and a user process whose private pages are all in the
/// store. Region pages are valid, in transition and in pagefile 0 in turn (page % 3), so reading the store needs the
/// pagefile.
/// </summary>
internal sealed class TestMemCompression
{
    public const ulong UserPages = CompressedStoreScenario.UserPages;
    public const uint FirstHigh = CompressedStoreScenario.FirstHigh;
    public const long MemCompressionPid = 0x7C4;
    public const long OwnerPid = 0x1B58;
    public const string OwnerName = "compressed.exe";
    /// <summary>_MMPAGING_FILE of 19041 (public PDB): PageFileNumber bits 0-3 and VirtualStorePagefile bit 6 of the USHORT at +0xCC.</summary>
    public const int PagingFileFlags = 0xCC;
    public const int VirtualStoreFlagBit = 6;
    private static readonly DateTime Created = new(2021, 2, 21, 1, 7, 0, DateTimeKind.Utc);

    /// <param name="globalsSymbol">Where SmGlobals lies: in ntoskrnl (CACHEALI for the scan, .data for a profile symbol), or null for pool.</param>
    /// <param name="beforeWrite">Runs after the pages are added and before the store is laid out (more pages, damage to come).</param>
    public TestMemCompression(TestWindowsSystem objects, uint build, ulong? globalsSymbol, int pages = 8, Action<TestMemCompression>? beforeWrite = null)
    {
        Objects = objects;
        MemCompressionDtb = objects.Image.NewAddressSpace();
        MemCompression = objects.AddProcess(MemCompressionPid, 4, "MemCompression", Created, dtb: MemCompressionDtb, minimal: true);
        Store = new TestCompressedStore(objects.Image, build, MemCompression.Eprocess, globalsSymbol, leafFanout: 1);
        MemCompression.Vads.Add(Store.RegionVad);
        objects.WriteVadTree(MemCompression);

        Owner = objects.AddProcess(OwnerPid, 4, OwnerName, Created);
        Contents = Store.AddPrivatePages(UserPages, pages, FirstHigh);
        Owner.Vads.Add(new VadDescriptor(UserPages, UserPages + (ulong)pages * 4096 - 1, true, true, TestCompressedStore.ReadWrite, 0, 0, 0, null, Kind: "VadS"));
        objects.WriteVadTree(Owner);
        beforeWrite?.Invoke(this);
        Store.Write(MemCompressionDtb, TestCompressedStore.InTurn);
    }

    public TestWindowsSystem Objects { get; }
    public TestWindowsImage Image => Objects.Image;
    public ulong MemCompressionDtb { get; }
    public TestWindowsSystem.BuiltProcess MemCompression { get; }
    public TestWindowsSystem.BuiltProcess Owner { get; }
    public TestCompressedStore Store { get; }
    public byte[][] Contents { get; }

    /// <summary>All the owner's private pages, in order.</summary>
    public byte[] AllContents => Contents.SelectMany(c => c).ToArray();

    /// <summary>nt!MmPagingFile at <paramref name="array"/>: pagefile 0, then the virtual store as paging file <paramref name="virtualStore"/>.</summary>
    public void WritePagingFiles(ulong array, int virtualStore)
    {
        int[] files = [0, virtualStore];
        for (var i = 0; i < files.Length; i++)
        {
            var file = Image.AllocateKernel(0x100, 16);
            var flags = (ushort)(files[i] | (i == 1 ? 1 << VirtualStoreFlagBit : 0));
            Image.WriteKernel(file + PagingFileFlags, BitConverter.GetBytes(flags));
            Image.WriteKernel64(array + (ulong)i * 8, file);
        }
    }

    public static ulong PageVa(int page) => UserPages + (ulong)page * 4096;

    /// <summary>Where page <paramref name="page"/>'s stored bytes begin in MemCompression, and how that region page is held.</summary>
    public (ulong Va, RegionPageState State) StoredAt(int page)
    {
        var va = Store.StoredAt[Store.StoreKey(FirstHigh + (uint)page)];
        return (va, TestCompressedStore.InTurn((int)((va - TestCompressedStore.RegionBase) / 4096)));
    }
}
