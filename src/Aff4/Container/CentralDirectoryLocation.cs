using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>
/// Where the central directory is, found from the end of the file (PKWARE APPNOTE 4.3.14–4.3.16). Every zip-relative
/// offset (central directory offset, local header offsets) is shifted by <see cref="GlobalOffset"/>,
/// which is non-zero when the archive was appended to another file (WinPmem 2.x executables).
/// </summary>
internal sealed record CentralDirectoryLocation(long Start, long Size, long DeclaredEntries, long GlobalOffset, byte[] Comment)
{
    private const int MinimumEntrySize = CentralDirectoryFileHeader.FixedSize;

    private const int SearchWindow = EndOfCentralDirectory.FixedSize + EndOfCentralDirectory.MaxCommentLength
        + Zip64EndOfCentralDirectoryLocator.Size + Zip64EndOfCentralDirectory.Size;

    public static CentralDirectoryLocation Find(SafeFileHandle file, string path, long fileLength, List<string> warnings)
    {
        var tailLength = (int)Math.Min(fileLength, SearchWindow);
        var tailStart = fileLength - tailLength;
        var tail = new byte[tailLength];
        FileRead.Exactly(file, tail, tailStart, path, null, "the end of the file");
        var eocd = EndOfCentralDirectory.Find(tail, tailStart, path)
            ?? throw new Aff4Exception("no end-of-central-directory record found (file truncated?)", path, null, tailStart);
        if (eocd.TrailingBytes > 0)
            warnings.Add($"{eocd.TrailingBytes} bytes follow the end-of-central-directory record at offset 0x{eocd.Position:X}");

        var locatorPosition = eocd.Position - Zip64EndOfCentralDirectoryLocator.Size;
        var hasLocator = FileRead.HasSignature(file, locatorPosition, fileLength, Zip64EndOfCentralDirectoryLocator.Signature);
        long end, size, offset, entries;
        if (eocd.IsSaturated || hasLocator)
        {
            if (!hasLocator)
                throw new Aff4Exception("the end-of-central-directory record has Zip64 (0xFFFF…) fields but no Zip64 locator precedes it",
                    path, null, Math.Max(0, locatorPosition));
            var record = ReadZip64Record(file, path, fileLength, Zip64EndOfCentralDirectoryLocator.Read(file, locatorPosition, path));
            (end, size, offset, entries) = (record.Position, record.CentralDirectorySize, record.CentralDirectoryOffset, record.EntriesTotal);
        }
        else
        {
            (end, size, offset, entries) = (eocd.Position, eocd.CentralDirectorySize, eocd.CentralDirectoryOffset, eocd.EntriesTotal);
        }

        if (size > end || offset > end - size)
            throw new Aff4Exception(
                $"central directory (offset 0x{offset:X}, {size} bytes) lies outside the file or overlaps the end-of-central-directory record",
                path, null, end);
        var globalOffset = end - size - offset;
        var start = end - size;
        if (size >= 4 && !FileRead.HasSignature(file, start, fileLength, CentralDirectoryFileHeader.Signature))
        {
            // Gap between central directory and EOCD: trust the stored offset instead of the layout.
            if (globalOffset == 0 || !FileRead.HasSignature(file, offset, fileLength, CentralDirectoryFileHeader.Signature))
                throw new Aff4Exception("no central directory file header where the central directory should start", path, null, start);
            warnings.Add($"{globalOffset} bytes lie between the central directory and its end record; taking the stored offset 0x{offset:X}");
            (globalOffset, start) = (0, offset);
        }
        if (globalOffset != 0)
            warnings.Add($"the Zip archive starts at file offset 0x{globalOffset:X} (appended to other data)");

        if (entries > size / MinimumEntrySize)
            throw new Aff4Exception(
                $"the central directory claims {entries} entries but its {size} bytes can hold at most {size / MinimumEntrySize}",
                path, null, end);
        return new CentralDirectoryLocation(start, size, entries, globalOffset, eocd.Comment);
    }

    private static Zip64EndOfCentralDirectory ReadZip64Record(SafeFileHandle file, string path, long fileLength, Zip64EndOfCentralDirectoryLocator locator)
    {
        var adjacent = locator.Position - Zip64EndOfCentralDirectory.Size;
        if (FileRead.HasSignature(file, adjacent, fileLength, Zip64EndOfCentralDirectory.Signature))
            return Zip64EndOfCentralDirectory.Read(file, adjacent, path);
        // A record with extensible data is not adjacent to the locator; its stored offset is then the only guide.
        if (locator.Zip64RecordOffset <= (ulong)(fileLength - Zip64EndOfCentralDirectory.Size)
            && FileRead.HasSignature(file, (long)locator.Zip64RecordOffset, fileLength, Zip64EndOfCentralDirectory.Signature))
            return Zip64EndOfCentralDirectory.Read(file, (long)locator.Zip64RecordOffset, path);
        throw new Aff4Exception(
            $"no Zip64 end-of-central-directory record before the locator or at its stored offset 0x{locator.Zip64RecordOffset:X}",
            path, null, Math.Max(0, adjacent));
    }
}
