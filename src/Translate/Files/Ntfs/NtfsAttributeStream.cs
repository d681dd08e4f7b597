using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>Turns the extents of one attribute (one resident value, or non-resident pieces by VCN) into a byte source.</summary>
internal static class NtfsAttributeStream
{
    public static IByteSource Open(IReadOnlyList<NtfsAttribute> extents, string name, IByteSource disk, long volumeOffset, NtfsBootSector boot, bool allowPartial = false)
    {
        if (extents.Count == 0) throw new ArgumentException("no extents", nameof(extents));
        var first = extents.MinBy(e => e.StartVcn)!;
        ImageFormatException Error(NtfsAttribute at, string problem) => new(disk.Name, at.DiskOffset, $"{name} (MFT record {at.RecordNumber}): {problem}");

        var flags = extents.Aggregate(NtfsAttributeFlags.None, (f, e) => f | e.Flags);
        if ((flags & NtfsAttributeFlags.Compressed) != 0) throw Error(first, "compressed NTFS data is not supported");
        if ((flags & NtfsAttributeFlags.Encrypted) != 0) throw Error(first, "encrypted NTFS data (EFS) is not supported");

        if (first.IsResident)
        {
            if (extents.Count != 1) throw Error(extents[1], "a resident attribute appears more than once");
            return new NtfsResidentStream(name, first.Value!);
        }
        if (first.StartVcn != 0) throw Error(first, $"the extent holding VCN 0 is missing (first extent starts at VCN 0x{first.StartVcn:X})");

        var runs = new List<NtfsRun>();
        long next = 0;
        foreach (var extent in extents.OrderBy(e => e.StartVcn))
        {
            if (extent.IsResident) throw Error(extent, "resident and non-resident extents are mixed");
            if (extent.StartVcn != next)
            {
                if (allowPartial && extent.StartVcn > next) break;
                throw Error(extent, $"extent starts at VCN 0x{extent.StartVcn:X}, expected 0x{next:X} (overlapping or missing extent)");
            }
            foreach (var run in extent.Runs)
            {
                // A run without clusters is NTFS's sparse run: it reads as zeros, but only a sparse attribute may have one.
                if (run.IsSparse && (flags & NtfsAttributeFlags.Sparse) == 0)
                    throw Error(extent, $"sparse run at VCN 0x{run.Vcn:X} in an attribute not flagged sparse");
                runs.Add(run);
            }
            next = extent.LastVcn + 1;
        }
        if (!allowPartial && next * (long)boot.ClusterSize < first.DataSize)
            throw Error(first, $"runs cover 0x{next * (long)boot.ClusterSize:X} bytes, less than the data size 0x{first.DataSize:X}");
        return new NtfsNonResidentStream(name, disk, volumeOffset, boot.ClusterSize, [.. runs], first.DataSize, first.InitializedSize);
    }
}
