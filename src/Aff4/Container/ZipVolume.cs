using System.IO.Compression;
using System.Text;
using Microsoft.Win32.SafeHandles;
using MemFs.Aff4.Binary;

namespace MemFs.Aff4.Container;

/// <summary>
/// A read-only Zip (Zip64) file holding an AFF4 volume. Members are found through the central directory only: the local
/// headers AFF4 tools write carry no usable sizes. The file is opened once, read-only, and read with positional reads,
/// so every member can be read from many threads at once.
/// </summary>
public sealed class ZipVolume : IDisposable
{
    public const long DefaultInflateLimit = 256L * 1024 * 1024;
    private const string DescriptionMember = "container.description";
    private const int MaxDescriptionBytes = 4096;

    private readonly SafeFileHandle _file;
    private readonly ZipMember[] _members;
    private readonly MemberContent[] _contents;
    private readonly Dictionary<string, ZipMember> _byName;

    private ZipVolume(string path, SafeFileHandle file, long fileLength, CentralDirectoryLocation location, ZipMember[] members, List<string> warnings)
    {
        FilePath = path;
        _file = file;
        FileLength = fileLength;
        GlobalOffset = location.GlobalOffset;
        Comment = ZipText.Decode(location.Comment);
        _members = members;
        _contents = new MemberContent[members.Length];
        for (var i = 0; i < _contents.Length; i++) _contents[i] = new MemberContent();
        _byName = new Dictionary<string, ZipMember>(members.Length, StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (_byName.ContainsKey(member.Name))
                warnings.Add($"duplicate member name '{member.Name}': the last central directory entry (#{member.CentralDirectoryIndex}) is used");
            _byName[member.Name] = member;
        }
        DescribedVolumeUrn = DescribeVolume(warnings);
        Warnings = warnings.ToArray();
    }

    public string FilePath { get; }
    public long FileLength { get; }

    /// <summary>The Zip comment as stored (Evimetry's trailing NUL included).</summary>
    public string Comment { get; }

    /// <summary>File position of the archive's byte 0; non-zero when the archive was appended to another file.</summary>
    public long GlobalOffset { get; }

    /// <summary>Members in central-directory order, duplicates included.</summary>
    public IReadOnlyList<ZipMember> Members => _members;

    /// <summary>The volume URN from <c>container.description</c>, else from the Zip comment; null when neither holds one.</summary>
    public string? DescribedVolumeUrn { get; }

    /// <summary>Tolerated oddities found while opening, for the analyst's log.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Largest inflated size accepted for a deflated member. Lowered by tests.</summary>
    internal long InflateLimit { get; set; } = DefaultInflateLimit;

    public static ZipVolume Open(string path)
    {
        EvidenceFile.Require(path, "an AFF4 volume");
        // Evidence is never modified: read-only access, and others may read but not write meanwhile.
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var length = RandomAccess.GetLength(file);
            var warnings = new List<string>();
            var location = CentralDirectoryLocation.Find(file, path, length, warnings);
            var members = ReadCentralDirectory(file, path, length, location, warnings);
            return new ZipVolume(path, file, length, location, members, warnings);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The member with exactly this name as stored (no %XX decoding); for duplicate names the last central directory entry.</summary>
    public ZipMember? FindMember(string rawName) => _byName.GetValueOrDefault(rawName);

    /// <summary>
    /// Reads member bytes at <paramref name="offset"/> of its uncompressed content. Returns the number of
    /// bytes read, fewer than requested only at the end of the member. Safe to call from many threads.
    /// </summary>
    public int ReadMember(ZipMember member, long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var content = ContentOf(member);
        if (offset >= member.UncompressedSize || destination.IsEmpty) return 0;
        var count = (int)Math.Min(destination.Length, member.UncompressedSize - offset);
        switch (member.CompressionMethod)
        {
            case ZipMember.MethodStored when !member.IsEncrypted:
                var start = content.GetDataStart(() => ResolveStoredDataStart(member));
                FileRead.Exactly(_file, destination[..count], start + offset, FilePath, member.Name, "member data");
                return count;
            case ZipMember.MethodDeflated when !member.IsEncrypted:
                var inflated = content.GetInflated(() => Inflate(member, content));
                inflated.AsSpan((int)offset, count).CopyTo(destination);
                return count;
            default:
                throw new Aff4Exception(
                    member.IsEncrypted ? "member is encrypted" : $"unsupported compression method {member.CompressionMethod} (only stored and deflate occur in AFF4)",
                    FilePath, member.Name, member.LocalHeaderOffset + GlobalOffset);
        }
    }

    /// <summary>File position of a stored member's first byte (for tests that damage evidence copies on purpose).</summary>
    internal long StoredDataStart(ZipMember member) => ContentOf(member).GetDataStart(() => ResolveStoredDataStart(member));

    /// <summary>The whole uncompressed member; throws when it is larger than <paramref name="maxBytes"/>.</summary>
    public byte[] ReadAllBytes(ZipMember member, long maxBytes)
    {
        if (member.UncompressedSize > maxBytes || member.UncompressedSize > Array.MaxLength)
            throw new Aff4Exception($"member is {member.UncompressedSize} bytes, more than the {maxBytes} bytes allowed here",
                FilePath, member.Name, member.LocalHeaderOffset + GlobalOffset);
        var bytes = new byte[member.UncompressedSize];
        var done = 0;
        while (done < bytes.Length)
        {
            var n = ReadMember(member, done, bytes.AsSpan(done));
            if (n == 0) break;
            done += n;
        }
        return bytes;
    }

    /// <summary>The whole member as UTF-8 text (a byte-order mark is dropped).</summary>
    public string ReadAllText(ZipMember member, long maxBytes)
    {
        var bytes = ReadAllBytes(member, maxBytes);
        var text = bytes.AsSpan();
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (text.StartsWith(bom)) text = text[bom.Length..];
        return Encoding.UTF8.GetString(text);
    }

    public void Dispose() => _file.Dispose();

    private static ZipMember[] ReadCentralDirectory(SafeFileHandle file, string path, long fileLength, CentralDirectoryLocation location, List<string> warnings)
    {
        if (location.Size > Array.MaxLength)
            throw new Aff4Exception($"central directory of {location.Size} bytes is too large", path, null, location.Start);
        var directory = new byte[location.Size];
        FileRead.Exactly(file, directory, location.Start, path, null, "the central directory");
        // The declared count was checked against the directory size, so this allocation is bounded by the file.
        var members = new List<ZipMember>((int)location.DeclaredEntries);
        var position = 0;
        while (position < directory.Length)
            members.Add(CentralDirectoryFileHeader.Read(directory, ref position, members.Count, location, fileLength, path));
        if (members.Count != location.DeclaredEntries)
            warnings.Add($"the end-of-central-directory record declares {location.DeclaredEntries} entries but the central directory holds {members.Count}");
        return members.ToArray();
    }

    private string? DescribeVolume(List<string> warnings)
    {
        var fromComment = VolumeUrnText.Normalise(Comment);
        string? fromDescription = null;
        if (FindMember(DescriptionMember) is { } description)
        {
            try
            {
                fromDescription = VolumeUrnText.Normalise(ReadAllText(description, MaxDescriptionBytes));
                if (fromDescription is null) warnings.Add($"{DescriptionMember} does not hold an aff4: URN");
            }
            catch (Aff4Exception e)
            {
                warnings.Add($"{DescriptionMember} is unreadable: {e.Message}");
            }
        }
        if (fromDescription is not null && fromComment is not null && fromDescription != fromComment)
            warnings.Add($"the Zip comment names volume {fromComment} but {DescriptionMember} names {fromDescription}; using the latter");
        return fromDescription ?? fromComment;
    }

    private MemberContent ContentOf(ZipMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var index = member.CentralDirectoryIndex;
        if ((uint)index >= (uint)_members.Length || !_members[index].Equals(member))
            throw new ArgumentException($"member '{member.Name}' does not belong to {FilePath}", nameof(member));
        return _contents[index];
    }

    private long ResolveDataStart(ZipMember member) =>
        LocalFileHeader.FindDataStart(_file, FilePath, FileLength, member, GlobalOffset);

    private long ResolveStoredDataStart(ZipMember member)
    {
        var start = ResolveDataStart(member);
        if (member.CompressedSize != member.UncompressedSize)
            throw new Aff4Exception($"stored member has compressed size {member.CompressedSize} but uncompressed size {member.UncompressedSize}",
                FilePath, member.Name, start);
        return start;
    }

    private byte[] Inflate(ZipMember member, MemberContent content)
    {
        var start = content.GetDataStart(() => ResolveDataStart(member));
        if (member.UncompressedSize > InflateLimit || member.UncompressedSize > Array.MaxLength)
            throw new Aff4Exception($"deflated member would inflate to {member.UncompressedSize} bytes, more than the limit of {InflateLimit} bytes",
                FilePath, member.Name, start);
        var bytes = new byte[member.UncompressedSize];
        try
        {
            using var inflater = new DeflateStream(new FileRangeStream(_file, start, member.CompressedSize), CompressionMode.Decompress);
            var done = inflater.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (done < bytes.Length)
                throw new Aff4Exception($"deflate data ends after {done} of {bytes.Length} bytes", FilePath, member.Name, start);
            Span<byte> probe = stackalloc byte[1];
            if (inflater.Read(probe) != 0)
                throw new Aff4Exception($"deflate data inflates to more than the declared {bytes.Length} bytes", FilePath, member.Name, start);
        }
        catch (InvalidDataException e)
        {
            throw new Aff4Exception("corrupt deflate data", FilePath, member.Name, start, e);
        }
        return bytes;
    }
}
