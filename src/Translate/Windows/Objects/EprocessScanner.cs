using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Layouts;

namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// Finds EPROCESS objects in physical memory by their pool allocation (tag "Proc", or "Pro\xE3" with Windows 7's
/// protected-tag bit), whether or not they are still on the active process list — terminated processes whose memory
/// was not reused, and processes unlinked to hide. Each candidate is validated with the EPROCESS layout (PID, name,
/// DTB, create time); reads are physical, so an EPROCESS split over non-contiguous frames may be missed.
/// </summary>
public static class EprocessScanner
{
    private const int ChunkSize = 1 << 20;
    private const int PoolHeader = 0x10;

    /// <summary>Object headers (optional ones plus _OBJECT_HEADER, 0x30) sit between the pool header and the body.</summary>
    private const int MinHeaders = 0x30;
    private const int MaxHeaders = 0xD0;

    public sealed record Candidate(long PhysicalAddress, long Pid, long? ParentPid, string Name, ulong Dtb, DateTime? CreateTime, DateTime? ExitTime);

    internal static IReadOnlyList<Candidate> Scan(IPhysicalMemory memory, EprocessLayout layout, int maxResults = 65536, CancellationToken cancel = default, IProgress<long>? progress = null)
    {
        var span = Math.Max(Math.Max(layout.UniqueProcessId, layout.ImageFileName) + 16, layout.DirectoryTableBase + 8);
        var physicalEnd = memory.Runs.Count == 0 ? 0 : memory.Runs[^1].End;
        var found = new List<Candidate>();
        var seen = new HashSet<long>();
        var buffer = new byte[ChunkSize + MaxHeaders + PoolHeader + span];
        long scanned = 0;
        foreach (var run in memory.Runs)
        {
            for (var chunk = run.Start; chunk < run.End && found.Count < maxResults; chunk += ChunkSize)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(scanned);
                scanned += Math.Min(ChunkSize, run.End - chunk);
                var length = (int)Math.Min(buffer.Length, run.End - chunk);
                memory.Read(chunk, buffer.AsSpan(0, length));
                var data = buffer.AsSpan(0, length);
                for (var at = 0; at < Math.Min(length, ChunkSize); at++)
                {
                    var next = data[at..Math.Min(length, ChunkSize)].IndexOf("Pro"u8);
                    if (next < 0) break;
                    at += next;
                    var tagByte = at + 3 < length ? data[at + 3] : (byte)0;
                    if (tagByte is not ((byte)'c' or 0xE3) || (at & 0xF) != 4) continue;
                    var header = at - 4;
                    for (var body = header + PoolHeader + MinHeaders; body <= header + PoolHeader + MaxHeaders && body + span <= length; body += 16)
                    {
                        if (Validate(data[body..], layout, physicalEnd) is not { } candidate) continue;
                        var address = chunk + body;
                        if (seen.Add(address)) found.Add(candidate with { PhysicalAddress = address });
                        break;
                    }
                }
            }
        }
        progress?.Report(scanned);
        return found;
    }

    private static Candidate? Validate(ReadOnlySpan<byte> e, EprocessLayout layout, long physicalEnd)
    {
        var pid = BinaryPrimitives.ReadUInt64LittleEndian(e[layout.UniqueProcessId..]);
        if (pid == 0 || pid % 4 != 0 || pid > 0xFFFF_FFFF) return null;
        var dtb = BinaryPrimitives.ReadUInt64LittleEndian(e[layout.DirectoryTableBase..]);
        if (dtb == 0 || (dtb & ~0xFFFUL) >= (ulong)physicalEnd) return null;
        var name = e.Slice(layout.ImageFileName, EprocessLayout.ImageFileNameLength);
        var end = name.IndexOf((byte)0);
        if (end <= 0) return null;
        foreach (var c in name[..end]) if (c is < 0x20 or > 0x7E) return null;
        var createRaw = At(e, layout.CreateTime);
        var created = ProcessReader.FileTime(createRaw);
        if (createRaw is { } raw && raw != 0 && created is null) return null;
        return new Candidate(0, (long)pid, At(e, layout.InheritedFromUniqueProcessId) is { } ppid ? (long)ppid : null,
            Encoding.ASCII.GetString(name[..end]), dtb, created, ProcessReader.FileTime(At(e, layout.ExitTime)));
    }

    private static ulong? At(ReadOnlySpan<byte> e, int? offset) =>
        offset is { } o && o + 8 <= e.Length ? BinaryPrimitives.ReadUInt64LittleEndian(e[o..]) : null;
}
