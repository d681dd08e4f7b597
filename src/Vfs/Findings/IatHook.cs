using MemFs.Vfs.Modules;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Findings;

/// <summary>
/// IAT slots that point outside every loaded module: the lines imports.txt flags "HOOK?" (<see cref="ImportVerdict"/>),
/// read from the IMAGE_IMPORT_DESCRIPTORs of each image's headers in memory.
/// </summary>
internal sealed class IatHook : IFindingProvider
{
    public const string Kind = "iat-hook";

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        var view = subject.View;
        var images = view.Images;
        var modules = new LoadedModules(images, view.Recoveries);
        foreach (var image in images)
        {
            if (view.Recoveries.Recover(image, out _) is not { } recovered || ModuleImage.Open(recovered, out _) is not { } module) continue;
            foreach (var imported in ImportDirectory.Read(module, []))
            foreach (var function in imported.Functions)
            {
                if (ImportVerdict.Of(function, imported, image, modules).Flag != ImportVerdict.OutsideEveryModule) continue;
                yield return new Finding(Kind, view.Process.Pid, view.Process.Name, function.Slot, function.Slot + 7, image.Name,
                    $"the IAT slot of {SectionsText.Printable(imported.Name)}!{function.Describe()} in {image.Name} holds 0x{function.Value:X}, outside every loaded module: an IAT hook",
                    $"{subject.Directory}/modules/{ImageFiles.DirectoryName(images, image)}/imports.txt");
            }
        }
    }
}
