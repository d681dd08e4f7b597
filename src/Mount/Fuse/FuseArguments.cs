namespace MemFs.Mount.Fuse;

/// <summary>The argv handed to fuse_new: a read-only, cached, self-unmounting mount.</summary>
internal static class FuseArguments
{
    public static IReadOnlyList<string> For(MountOptions options, uint maxRead)
    {
        var fsName = options.FsName.Replace(',', '_').Replace('\\', '_');
        var list = new List<string>
        {
            "ro", "default_permissions", $"fsname={fsName}", "subtype=memfs", "auto_unmount",
            "entry_timeout=3600", "attr_timeout=3600", "negative_timeout=60", "kernel_cache",
        };
        if (maxRead != 0) list.Add($"max_read={maxRead}");
        if (options.AllowOther) list.Add("allow_other");
        return ["memfs", "-o", string.Join(',', list)];
    }
}
