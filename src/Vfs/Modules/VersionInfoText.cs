using System.Text;

namespace MemFs.Vfs.Modules;

/// <summary>versioninfo.txt: the VS_VERSIONINFO resource's fixed versions and StringFileInfo strings.</summary>
internal static class VersionInfoText
{
    public static string Render(ModuleImage module, string owner)
    {
        var lines = VersionResource.Read(module.View, out var why);
        var text = new StringBuilder();
        foreach (var line in module.SourceLines("versioninfo.txt", owner).Concat(module.ReadLines())) text.Append(line).Append('\n');
        if (lines is null) return text.Append($"# no version information: {why}\n").ToString();
        foreach (var (key, value) in lines) text.Append($"{SectionsText.Printable(key)}: {value}\n");
        return text.ToString();
    }
}
