namespace MemFs.Translate.Files.Ntfs;

/// <summary>One run of a runlist: <see cref="Length"/> clusters from <see cref="Vcn"/>, at <see cref="Lcn"/> or sparse.</summary>
internal readonly record struct NtfsRun(long Vcn, long Lcn, long Length)
{
    public bool IsSparse => Lcn < 0;
    public long EndVcn => Vcn + Length;
}
