namespace MemFs.Aff4.Discovery;

/// <summary>
/// A pagefile stream. <see cref="Number"/> is Windows' paging file number (pagefile.sys is 0) when the
/// image states it (WinPmem's memory:pagefile_number), null when it is only guessed from the file name.
/// </summary>
public sealed record Pagefile(string Urn, int? Number, string? WindowsPath, string FoundBy);
