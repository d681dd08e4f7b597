namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// Decodes mapping pairs. Each run starts with a header byte whose low nibble is the size of the run length
/// and high nibble the size of the LCN offset, both little-endian; the offset is signed and relative to the
/// previous run's LCN. An offset size of 0 marks a sparse run (no clusters allocated). A 0 header ends the list.
/// </summary>
internal static class NtfsRunList
{
    public static List<NtfsRun> Decode(ReadOnlySpan<byte> pairs, long startVcn, long lastVcn, long totalClusters, NtfsLocation at)
    {
        var runs = new List<NtfsRun>();
        var vcn = startVcn;
        long lcn = 0;
        var i = 0;
        while (true)
        {
            if (i >= pairs.Length) throw at.Error(i, "runlist runs past the end of its attribute (no terminating 0)");
            var header = pairs[i];
            if (header == 0) break;
            int lengthSize = header & 0xF, offsetSize = header >> 4;
            if (lengthSize is 0 or > 8 || offsetSize > 8)
                throw at.Error(i, $"runlist header 0x{header:X2} has an invalid field size");
            if (i + 1 + lengthSize + offsetSize > pairs.Length)
                throw at.Error(i, "runlist entry runs past the end of its attribute");
            var length = ReadSigned(pairs.Slice(i + 1, lengthSize));
            if (length <= 0) throw at.Error(i, $"run length {length} is not positive");
            if (vcn > lastVcn || length > lastVcn - vcn + 1)
                throw at.Error(i, $"run at VCN 0x{vcn:X} of {length} clusters goes past the attribute's last VCN 0x{lastVcn:X}");
            if (offsetSize == 0)
            {
                runs.Add(new NtfsRun(vcn, -1, length));
            }
            else
            {
                var delta = ReadSigned(pairs.Slice(i + 1 + lengthSize, offsetSize));
                if (delta >= totalClusters || delta <= -totalClusters)
                    throw at.Error(i, $"run offset {delta} clusters points outside the volume's {totalClusters} clusters");
                lcn += delta;
                if (lcn < 0 || lcn >= totalClusters || length > totalClusters - lcn)
                    throw at.Error(i, $"run of {length} clusters at LCN 0x{lcn:X} lies outside the volume's {totalClusters} clusters");
                runs.Add(new NtfsRun(vcn, lcn, length));
            }
            vcn += length;
            i += 1 + lengthSize + offsetSize;
        }
        if (vcn != lastVcn + 1)
            throw at.Error(0, $"runlist covers VCNs 0x{startVcn:X} to 0x{vcn - 1:X} but the attribute ends at VCN 0x{lastVcn:X}");
        return runs;
    }

    private static long ReadSigned(ReadOnlySpan<byte> bytes)
    {
        long value = (sbyte)bytes[^1];
        for (var b = bytes.Length - 2; b >= 0; b--) value = (value << 8) | bytes[b];
        return value;
    }
}
