using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace MemFs.Tests.Aff4.Writers;

/// <summary>
/// Builds Zip files in memory the way AFF4 producers lay them out (Zip64 variants, data descriptors,
/// appended archives, odd central-directory order), for tests that need AFF4 volumes.
/// Members are written in the order they are added.
/// </summary>
public sealed class TestZipWriter
{
    private const uint LocalFileHeaderSignature = 0x04034B50;
    private const uint DataDescriptorSignature = 0x08074B50;
    private const uint CentralDirectorySignature = 0x02014B50;
    private const uint Zip64EndSignature = 0x06064B50;
    private const uint Zip64LocatorSignature = 0x07064B50;
    private const uint EndSignature = 0x06054B50;
    private const ushort FlagDataDescriptor = 0x0008;
    private const ushort FlagUtf8 = 0x0800;
    private const ushort DosDate1980 = 0x0021;

    private readonly TestZipOptions _options;
    private readonly List<Entry> _entries = [];

    public TestZipWriter(TestZipOptions? options = null) => _options = options ?? new TestZipOptions();

    public void AddStored(string name, byte[] data) => Add(Encoding.UTF8.GetBytes(name), data, deflate: false, utf8: !Ascii.IsValid(name));

    public void AddDeflated(string name, byte[] data) => Add(Encoding.UTF8.GetBytes(name), data, deflate: true, utf8: !Ascii.IsValid(name));

    /// <summary>A stored member whose name is written byte for byte without the UTF-8 flag (e.g. CP437).</summary>
    public void AddStored(byte[] rawName, byte[] data) => Add(rawName, data, deflate: false, utf8: false);

    public byte[] ToArray()
    {
        var output = new MemoryStream();
        var w = new BinaryWriter(output);
        w.Write(_options.Prefix);
        long ZipPosition() => output.Position - _options.Prefix.Length;

        var localOffsets = new long[_entries.Count];
        for (var i = 0; i < _entries.Count; i++)
        {
            localOffsets[i] = ZipPosition();
            WriteLocalHeader(w, _entries[i]);
            w.Write(_entries[i].Payload);
            if (_options.DataDescriptors) WriteDataDescriptor(w, _entries[i]);
        }

        var centralDirectoryOffset = ZipPosition();
        var order = Enumerable.Range(0, _entries.Count);
        if (_options.ReverseCentralDirectoryOrder) order = order.Reverse();
        foreach (var i in order) WriteCentralDirectoryHeader(w, _entries[i], localOffsets[i]);
        var centralDirectorySize = ZipPosition() - centralDirectoryOffset;

        if (_options.Zip64 != Zip64Mode.None)
        {
            var zip64EndOffset = ZipPosition();
            w.Write(Zip64EndSignature);
            w.Write(44UL);
            w.Write((ushort)45);
            w.Write((ushort)45);
            w.Write(0u);
            w.Write(0u);
            w.Write((ulong)_entries.Count);
            w.Write((ulong)_entries.Count);
            w.Write((ulong)centralDirectorySize);
            w.Write((ulong)centralDirectoryOffset);
            w.Write(Zip64LocatorSignature);
            w.Write(0u);
            w.Write((ulong)zip64EndOffset);
            w.Write(1u);
        }

        var saturated = _options.Zip64 == Zip64Mode.AllSaturated;
        var comment = Encoding.UTF8.GetBytes(_options.Comment);
        w.Write(EndSignature);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write(saturated ? ushort.MaxValue : checked((ushort)_entries.Count));
        w.Write(saturated ? ushort.MaxValue : checked((ushort)_entries.Count));
        w.Write(saturated ? uint.MaxValue : checked((uint)centralDirectorySize));
        w.Write(saturated ? uint.MaxValue : checked((uint)centralDirectoryOffset));
        w.Write(checked((ushort)comment.Length));
        w.Write(comment);
        w.Flush();
        return output.ToArray();
    }

    private void Add(byte[] name, byte[] data, bool deflate, bool utf8)
    {
        ArgumentNullException.ThrowIfNull(data);
        var payload = deflate ? Deflate(data) : data;
        _entries.Add(new Entry(name, payload, deflate ? 8 : 0, Crc32.HashToUInt32(data), data.Length, utf8));
    }

    private static byte[] Deflate(byte[] data)
    {
        var compressed = new MemoryStream();
        using (var deflater = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            deflater.Write(data);
        return compressed.ToArray();
    }

    private ushort Flags(Entry entry) =>
        (ushort)((_options.DataDescriptors ? FlagDataDescriptor : 0) | (entry.Utf8 ? FlagUtf8 : 0));

    private ushort VersionNeeded => _options.Zip64 == Zip64Mode.None ? (ushort)20 : (ushort)45;

    private void WriteLocalHeader(BinaryWriter w, Entry entry)
    {
        var saturated = _options.Zip64 == Zip64Mode.AllSaturated;
        var descriptors = _options.DataDescriptors;
        w.Write(LocalFileHeaderSignature);
        w.Write(VersionNeeded);
        w.Write(Flags(entry));
        w.Write((ushort)entry.Method);
        w.Write((ushort)0);
        w.Write(DosDate1980);
        w.Write(descriptors ? 0u : entry.Crc);
        w.Write(saturated ? uint.MaxValue : descriptors ? 0u : (uint)entry.Payload.Length);
        w.Write(saturated ? uint.MaxValue : descriptors ? 0u : (uint)entry.Size);
        w.Write((ushort)entry.Name.Length);
        w.Write(saturated ? (ushort)20 : (ushort)0);
        w.Write(entry.Name);
        if (!saturated) return;
        w.Write((ushort)1);
        w.Write((ushort)16);
        // Evimetry fills the local Zip64 field with 0xFF when a data descriptor follows.
        w.Write(descriptors ? ulong.MaxValue : (ulong)entry.Size);
        w.Write(descriptors ? ulong.MaxValue : (ulong)entry.Payload.Length);
    }

    private void WriteDataDescriptor(BinaryWriter w, Entry entry)
    {
        w.Write(DataDescriptorSignature);
        w.Write(entry.Crc);
        if (_options.Zip64 == Zip64Mode.None)
        {
            w.Write((uint)entry.Payload.Length);
            w.Write((uint)entry.Size);
        }
        else
        {
            w.Write((ulong)entry.Payload.Length);
            w.Write((ulong)entry.Size);
        }
    }

    private void WriteCentralDirectoryHeader(BinaryWriter w, Entry entry, long localOffset)
    {
        var saturated = _options.Zip64 == Zip64Mode.AllSaturated;
        var extra = new MemoryStream();
        var x = new BinaryWriter(extra);
        if (_options.UnknownExtraBeforeZip64)
        {
            x.Write((ushort)0x5455);
            x.Write((ushort)5);
            x.Write((byte)1);
            x.Write(0x5F5E1000u);
        }
        if (saturated)
        {
            x.Write((ushort)1);
            x.Write((ushort)28);
            x.Write((ulong)entry.Size);
            x.Write((ulong)entry.Payload.Length);
            x.Write((ulong)localOffset);
            x.Write(0u);
        }
        x.Flush();

        w.Write(CentralDirectorySignature);
        w.Write(VersionNeeded);
        w.Write(VersionNeeded);
        w.Write(Flags(entry));
        w.Write((ushort)entry.Method);
        w.Write((ushort)0);
        w.Write(DosDate1980);
        w.Write(entry.Crc);
        w.Write(saturated ? uint.MaxValue : (uint)entry.Payload.Length);
        w.Write(saturated ? uint.MaxValue : (uint)entry.Size);
        w.Write((ushort)entry.Name.Length);
        w.Write((ushort)extra.Length);
        w.Write((ushort)0);
        w.Write(saturated ? ushort.MaxValue : (ushort)0);
        w.Write((ushort)0);
        w.Write(0u);
        w.Write(saturated ? uint.MaxValue : checked((uint)localOffset));
        w.Write(entry.Name);
        w.Write(extra.ToArray());
    }

    private sealed record Entry(byte[] Name, byte[] Payload, int Method, uint Crc, long Size, bool Utf8);
}
