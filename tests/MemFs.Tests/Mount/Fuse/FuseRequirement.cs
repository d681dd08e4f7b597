using MemFs.Tests.Support;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>Real mounts need /dev/fuse and fusermount3: without them a test is skipped, or fails in CI (CI=true).</summary>
public static class FuseRequirement
{
    public static void Require()
    {
        var missing = !OperatingSystem.IsLinux() ? "not Linux"
            : !Path.Exists("/dev/fuse") ? "/dev/fuse is missing"
            : !new[] { "/usr/bin/fusermount3", "/bin/fusermount3" }.Any(File.Exists) ? "fusermount3 is not installed (package fuse3)"
            : null;
        if (missing is null) return;
        if (SharedData.IsCi) Assert.Fail($"FUSE mount tests need FUSE: {missing}");
        Assert.Ignore($"FUSE mount tests need FUSE: {missing}");
    }
}
