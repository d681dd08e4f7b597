namespace MemFs.Soak.Reading;

/// <summary>
/// A stretch of a mounted file the readers draw from: <see cref="Length"/> bytes of <see cref="Mounted"/> from
/// <see cref="MountedOffset"/>, whose bytes are those of <see cref="Reference"/> from 0 (a copy taken through the mount
/// at the start). A process's vmem is read VAD by VAD against its regions/ file: the same bytes at the VAD's address.
/// </summary>
internal sealed record ReadTarget(string Kind, string Mounted, long MountedOffset, long Length, string Reference);
