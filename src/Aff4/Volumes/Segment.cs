using MemFs.Aff4.Container;

namespace MemFs.Aff4.Volumes;

/// <summary>One Zip member of one volume: the unit in which AFF4 stores bytes.</summary>
public sealed record Segment(ZipVolume Volume, ZipMember Member, string Urn)
{
    public long Length => Member.UncompressedSize;

    /// <summary>Reads exactly <c>destination.Length</c> bytes or throws, naming the volume, member and offset.</summary>
    public int ReadExactly(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset > Length || destination.Length > Length - offset)
            throw new Aff4Exception($"read of {destination.Length} bytes lies outside the segment ({Length} bytes)", Volume.FilePath, Member.Name, offset);
        var done = 0;
        while (done < destination.Length)
        {
            var n = Volume.ReadMember(Member, offset + done, destination[done..]);
            if (n <= 0) throw new Aff4Exception("segment ended early (volume truncated?)", Volume.FilePath, Member.Name, offset + done);
            done += n;
        }
        return done;
    }

    /// <summary>The whole segment, refusing members larger than <paramref name="maxBytes"/>.</summary>
    public byte[] ReadAll(long maxBytes) => Volume.ReadAllBytes(Member, maxBytes);

    public string ReadAllText(long maxBytes) => Volume.ReadAllText(Member, maxBytes);

    public override string ToString() => $"{Volume.FilePath}:{Member.Name}";
}
