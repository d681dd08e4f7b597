namespace MemFs.Translate.Files;

/// <summary>
/// A folder of a <c>--files</c> tree that stands for the root of a Windows volume: the tree itself (an extracted or
/// mounted drive) or a drive-letter folder inside it (<c>C/</c>, <c>C:/</c>, <c>C%3A/</c>, <c>uploads/auto/C%3A/</c>).
/// </summary>
/// <param name="Path">The folder's full path.</param>
/// <param name="DriveLetter">The drive letter its name gives, upper case; null for the tree itself.</param>
/// <param name="HoldsWindows">Whether it has a <c>Windows</c> folder (the system volume, tried first).</param>
internal sealed record VolumeRoot(string Path, char? DriveLetter, bool HoldsWindows)
{
    public override string ToString() => (DriveLetter is { } letter ? $"{letter}: at {Path}" : $"the tree root {Path}") + (HoldsWindows ? " (holds Windows)" : "");
}
