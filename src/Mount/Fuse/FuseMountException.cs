namespace MemFs.Mount.Fuse;

/// <summary>The file system could not be mounted (missing fuse3, bad mount point, libfuse refused); the message says why.</summary>
internal sealed class FuseMountException(string message) : IOException(message);
