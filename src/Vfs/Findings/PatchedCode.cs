using MemFs.Vfs.Patches;

namespace MemFs.Vfs.Findings;

/// <summary>Code bytes of a module that differ from its file on disk (patches.txt): inline hooks or patches, named by the export they fall in.</summary>
internal sealed class PatchedCode : IFindingProvider
{
    public const string Kind = "patched-code";

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        var view = subject.View;
        foreach (var patch in ProcessPatches.Find(view, subject.Cache).Patches)
        {
            var module = view.Images.Append(view.MainImage()).FirstOrDefault(i => string.Equals(i?.Name, patch.Module, StringComparison.OrdinalIgnoreCase));
            var start = (module?.Base ?? 0) + (ulong)patch.Rva;
            var where = patch.Symbol is { } symbol ? $" in {symbol}" : "";
            yield return new Finding(Kind, view.Process.Pid, view.Process.Name, start, start + (ulong)patch.Length - 1, patch.Module,
                $"{patch.Length} bytes of {patch.Section}{where} differ from the file on disk: an inline hook or patch", $"{subject.Directory}/{patch.Report}");
        }
    }
}
