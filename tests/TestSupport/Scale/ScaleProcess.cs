using MemFs.Translate.Windows;

namespace MemFs.Tests.Scale;

/// <summary>One process a <see cref="ScaleWindowsImage"/> added: what the tree and the scanner should find for it.</summary>
internal sealed record ScaleProcess(long Pid, string Name, bool Linked, ulong Eprocess, IReadOnlyList<VadDescriptor> Vads)
{
    /// <summary>Its directory under /processes (linked) or /unlinked.</summary>
    public string Directory => $"{Pid}-{Name}";
}
