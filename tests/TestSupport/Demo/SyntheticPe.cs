using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Demo;

/// <summary>
/// A small, deterministic, PE-looking x64 image for the demo: "MZ" header, a PE32+ header, and .text, .rdata and
/// .data sections whose contents are generated text and byte patterns. File and section alignment are both 4 KiB,
/// so the file's bytes are also the mapped image's bytes page for page. Not code; never taken from a real binary.
/// </summary>
internal static class SyntheticPe
{
    public const int Page = 4096;

    public enum Kind { Executable, Dll, Driver }

    /// <summary>
    /// <paramref name="textPages"/>, <paramref name="rdataPages"/> and <paramref name="dataPages"/> pages after the
    /// header page; every page names the module, its section and its page number, so a reader can see which one it got.
    /// </summary>
    public static byte[] Build(string name, Kind kind, ulong imageBase, int textPages, int rdataPages, int dataPages)
    {
        var pages = 1 + textPages + rdataPages + dataPages;
        var image = new byte[pages * Page];
        var s = image.AsSpan();
        var stamp = Stamp(name);

        // DOS header and a stub message.
        s[0] = (byte)'M';
        s[1] = (byte)'Z';
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], 0x90);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], 4);
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x18..], 0x40);
        const int lfanew = 0x80;
        BinaryPrimitives.WriteInt32LittleEndian(s[0x3C..], lfanew);
        Encoding.ASCII.GetBytes("MemFs synthetic image, not a program.\r\n$").CopyTo(s[0x40..]);

        "PE\0\0"u8.CopyTo(s[lfanew..]);
        const int file = lfanew + 4;
        BinaryPrimitives.WriteUInt16LittleEndian(s[file..], 0x8664);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 2)..], 3);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(file + 4)..], stamp);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 16)..], 0xF0);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(file + 18)..], (ushort)(kind == Kind.Dll ? 0x2022 : 0x0022));

        const int optional = file + 20;
        BinaryPrimitives.WriteUInt16LittleEndian(s[optional..], 0x20B);
        s[optional + 2] = 14;
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 4)..], (uint)(textPages * Page));
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 8)..], (uint)((rdataPages + dataPages) * Page));
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 16)..], 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 20)..], 0x1000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(optional + 24)..], imageBase);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 32)..], Page);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 36)..], Page);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(optional + 40)..], 10);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(optional + 48)..], 10);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 56)..], (uint)(pages * Page));
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 60)..], Page);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(optional + 68)..], kind switch { Kind.Driver => 1, Kind.Dll => 3, _ => 2 });
        BinaryPrimitives.WriteUInt16LittleEndian(s[(optional + 70)..], 0x8160);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(optional + 72)..], 0x100000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(optional + 80)..], 0x1000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(optional + 88)..], 0x100000);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(optional + 96)..], 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(optional + 108)..], 16);

        (string Name, int First, int Count, uint Flags)[] sections =
        [
            (".text", 1, textPages, 0x6000_0020),
            (".rdata", 1 + textPages, rdataPages, 0x4000_0040),
            (".data", 1 + textPages + rdataPages, dataPages, 0xC000_0040),
        ];
        for (var i = 0; i < sections.Length; i++)
        {
            var (section, first, count, flags) = sections[i];
            var h = s.Slice(optional + 0xF0 + i * 40, 40);
            Encoding.ASCII.GetBytes(section).CopyTo(h);
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], (uint)(count * Page));
            BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)(first * Page));
            BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)(count * Page));
            BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)(first * Page));
            BinaryPrimitives.WriteUInt32LittleEndian(h[36..], flags);
            for (var p = 0; p < count; p++) FillSectionPage(s.Slice((first + p) * Page, Page), name, section, p);
        }
        return image;
    }

    /// <summary>Code pages are int3 padding around "functions"; data pages are text lines.</summary>
    private static void FillSectionPage(Span<byte> page, string module, string section, int index)
    {
        var label = Encoding.ASCII.GetBytes($"MemFs demo: {module} {section} page {index}\n");
        if (section == ".text")
        {
            page.Fill(0xCC);
            label.CopyTo(page);
            // Deterministic "function bodies": push rbx / sub rsp / ... / ret, every 64 bytes.
            for (var at = 256; at + 16 <= Page; at += 64)
            {
                ReadOnlySpan<byte> body = [0x40, 0x53, 0x48, 0x83, 0xEC, 0x20, 0x8B, 0xC1, 0x83, 0xC0, (byte)(at >> 6), 0x48, 0x83, 0xC4, 0x20, 0x5B];
                body.CopyTo(page[at..]);
                page[at + 16] = 0xC3;
            }
            return;
        }
        for (var at = 0; at < Page; at += label.Length)
            label.AsSpan(0, Math.Min(label.Length, Page - at)).CopyTo(page[at..]);
    }

    /// <summary>A TimeDateStamp derived from the name (FNV-1a), so every build writes the same bytes.</summary>
    private static uint Stamp(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name) hash = (hash ^ c) * 16777619u;
        return 0x5E00_0000u | (hash & 0x00FF_FFFF);
    }
}
