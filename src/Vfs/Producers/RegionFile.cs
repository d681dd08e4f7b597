using MemFs.Aff4.Caching;
using MemFs.Translate.Files;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Vads;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Producers;

/// <summary>regions/&lt;start&gt;-&lt;end&gt;-&lt;kind&gt;[-&lt;file&gt;].bin: one VAD's bytes, offset 0 = the VAD's start. Pages
/// without bytes (reserved, decommitted, and unless --strict unresolvable) are holes for SEEK_DATA/SEEK_HOLE.</summary>
internal sealed class RegionFile(ProcessView process, VadDescriptor vad, ChunkCache cache) : CachedFile(NameOf(vad), cache)
{
    private readonly (long Start, long End)[] _range = [((long)vad.Start, (long)vad.End + 1)];

    public override long Length => (long)(vad.End - vad.Start + 1);

    public override long? SeekData(long offset) =>
        offset >= 0 && offset < Length && process.SeekData(_range, (long)vad.Start + offset) is { } at ? at - (long)vad.Start : null;

    public override long? SeekHole(long offset) =>
        offset >= 0 && offset < Length ? process.SeekHole(_range, (long)vad.Start + offset) - (long)vad.Start : null;

    protected override void ReadUncached(long offset, Span<byte> destination) => process.Memory.Read(vad.Start + (ulong)offset, destination);

    public static string NameOf(VadDescriptor vad)
    {
        var file = vad.FileName is null ? "" : "-" + WindowsPath.FileName(vad.FileName);
        var name = $"0x{vad.Start:X12}-0x{vad.End:X12}-{VadKinds.NameOf(vad)}{file}";
        return name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) ? name : name + ".bin";
    }
}
