using MemFs.Translate.Windows.Symbols;

namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>
/// Lays out handle tables with the profile's offsets: an ObTypeIndexTable of _OBJECT_TYPEs (the Windows 10 type
/// numbers), an ObHeaderCookie when the profile's kernel has one (Windows 10+: the stored TypeIndex is encoded with
/// it), objects with _OBJECT_HEADER and optional _OBJECT_HEADER_NAME_INFO, and per process a _HANDLE_TABLE of one
/// entry page (level 0) or a page of pointers to two entry pages (level 1).
/// </summary>
internal sealed class TestHandles
{
    public static readonly IReadOnlyDictionary<string, byte> TypeNumbers = new Dictionary<string, byte>
    {
        ["Process"] = 7, ["Thread"] = 8, ["Event"] = 16, ["Mutant"] = 17, ["File"] = 37, ["Section"] = 42, ["Key"] = 44,
    };

    private readonly TestWindowsSystem _system;

    public TestHandles(TestWindowsSystem system, byte cookie = 0xA7)
    {
        _system = system;
        Cookie = Profile.Rva("ObHeaderCookie") is null ? null : cookie;
        TypeTable = Image.AllocateKernel(256 * 8, 16);
        foreach (var (name, index) in TypeNumbers)
        {
            var type = Image.AllocateKernel(0x100, 16);
            WriteUnicode(type + (ulong)Off("_OBJECT_TYPE.Name"), name);
            Image.WriteKernel64(TypeTable + index * 8UL, type);
        }
    }

    private KernelProfile Profile => _system.Profile;
    private MemFs.Tests.Translate.Paging.TestWindowsImage Image => _system.Image;
    private int Off(string field) => Profile.Require(field);

    /// <summary>nt!ObTypeIndexTable.</summary>
    public ulong TypeTable { get; }

    /// <summary>nt!ObHeaderCookie's value, null for kernels without one (Windows 7).</summary>
    public byte? Cookie { get; }

    /// <summary>A new object of <paramref name="type"/> with a body of <paramref name="bodySize"/> bytes, named when <paramref name="name"/> is given.</summary>
    public ulong NewObject(string type, string? name, int bodySize = 0x100)
    {
        var headerSize = Off("_OBJECT_HEADER.Body");
        var block = Image.AllocateKernel(0x20 + headerSize + bodySize, 16);
        var header = block + 0x20;
        if (name is not null) WriteUnicode(block + (ulong)Off("_OBJECT_HEADER_NAME_INFO.Name"), name);
        WriteHeader(header, type, name is null ? (byte)0 : (byte)2);
        return header + (ulong)headerSize;
    }

    /// <summary>Writes the header in front of an existing body (an EPROCESS or ETHREAD the system built).</summary>
    public void WriteHeader(ulong header, string type, byte infoMask)
    {
        var index = TypeNumbers[type];
        var stored = Cookie is { } c ? (byte)(index ^ (byte)(header >> 8) ^ c) : index;
        Image.WriteKernel(header + (ulong)Off("_OBJECT_HEADER.TypeIndex"), [stored]);
        Image.WriteKernel(header + (ulong)Off("_OBJECT_HEADER.InfoMask"), [infoMask]);
    }

    public ulong NewFile(string path)
    {
        var body = NewObject("File", null);
        WriteUnicode(body + (ulong)Off("_FILE_OBJECT.FileName"), path);
        return body;
    }

    /// <summary>The header of an object body the system already built (EPROCESS, ETHREAD), typed as <paramref name="type"/>.</summary>
    public ulong Adopt(ulong body, string type)
    {
        WriteHeader(body - (ulong)Off("_OBJECT_HEADER.Body"), type, 0);
        return body;
    }

    /// <summary>
    /// The handle table of <paramref name="process"/>: <paramref name="objects"/> in order, handle 4, 8, … on the first
    /// entry page, or with <paramref name="twoLevel"/> the rest on a second entry page (handles from 0x404).
    /// </summary>
    public List<BuiltHandle> Table(TestWindowsSystem.BuiltProcess process, IReadOnlyList<(ulong Body, uint Access, string? Name)> objects, bool twoLevel)
    {
        const int perPage = 256;
        var table = Image.AllocateKernel(0x80, 16);
        Image.WriteKernel64(process.Eprocess + (ulong)Off("_EPROCESS.ObjectTable"), table);
        var pages = new[] { Image.AllocateKernel(4096, 4096), Image.AllocateKernel(4096, 4096) };
        ulong tableCode;
        if (twoLevel)
        {
            var root = Image.AllocateKernel(4096, 4096);
            Image.WriteKernel64(root, pages[0]);
            Image.WriteKernel64(root + 8, pages[1]);
            tableCode = root | 1;
        }
        else tableCode = pages[0];
        Image.WriteKernel64(table + (ulong)Off("_HANDLE_TABLE.TableCode"), tableCode);
        var built = new List<BuiltHandle>();
        for (var i = 0; i < objects.Count; i++)
        {
            var (page, slot) = twoLevel && i >= objects.Count / 2 ? (1, 1 + i - objects.Count / 2) : (0, 1 + i);
            var (body, access, name) = objects[i];
            var header = body - (ulong)Off("_OBJECT_HEADER.Body");
            WriteEntry(pages[page] + (ulong)slot * 16, header, access);
            var stored = Image.ReadVirtual64(header + (ulong)Off("_OBJECT_HEADER.TypeIndex")) & 0xFF;
            var index = Cookie is { } c ? (byte)(stored ^ (byte)(header >> 8) ^ c) : (byte)stored;
            built.Add(new BuiltHandle((ulong)(page * perPage + slot) * 4, header, body, access, index,
                TypeNumbers.Single(t => t.Value == index).Key, name));
        }
        return built;
    }

    private void WriteEntry(ulong entry, ulong header, uint access)
    {
        if (Profile.Bit("_HANDLE_TABLE_ENTRY.ObjectPointerBits") is { } pointer)
        {
            // Unlocked (bit 0) and one reference in RefCnt, as live entries carry them.
            Image.WriteKernel64(entry, ((header & 0x0000_FFFF_FFFF_FFFF) >> 4) << pointer.Position | 1 | 1 << 1);
            Image.WriteKernel64(entry + 8, access & 0x1FF_FFFF);
        }
        else
        {
            Image.WriteKernel64(entry, header | 1);
            Image.WriteKernel64(entry + 8, access);
        }
    }

    private void WriteUnicode(ulong at, string text) => _system.WriteUnicode(at, text);
}
