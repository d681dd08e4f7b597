namespace MemFs.Mount.WinFsp;

/// <summary>The volume could not be mounted (WinFsp missing, a bad mount point, WinFsp refused); the message says why.</summary>
internal sealed class WinFspMountException(string message) : IOException(message);
