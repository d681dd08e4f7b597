using MemFs.Aff4.Caching;
using MemFs.Translate.Files;
using MemFs.Translate.Windows;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Producers;

/// <summary>regions/&lt;start&gt;-&lt;end&gt;-&lt;kind&gt;[-&lt;file&gt;].bin: one VAD's bytes, offset 0 = the VAD's start.</summary>
internal sealed class RegionFile(ProcessView process, VadDescriptor vad, ChunkCache cache) : CachedFile(NameOf(vad), cache)
{
    public override long Length => (long)(vad.End - vad.Start + 1);

    protected override void ReadUncached(long offset, Span<byte> destination) => process.Memory.Read(vad.Start + (ulong)offset, destination);

    public static string NameOf(VadDescriptor vad)
    {
        var kind = vad.IsPrivate ? "private" : vad.Kind.Contains("Image", StringComparison.Ordinal) ? "image" : vad.FileName is null ? "shared" : "mapped";
        var file = vad.FileName is null ? "" : "-" + WindowsPath.FileName(vad.FileName);
        return $"0x{vad.Start:X12}-0x{vad.End:X12}-{kind}{file}.bin";
    }
}
