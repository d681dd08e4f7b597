using System.Text;
using MemFs.Vfs.Executables;

namespace MemFs.Vfs.Modules;

/// <summary>imports.txt: per imported DLL and function, the IAT slot, its value in memory, where it points, and a flag when that is suspicious (<see cref="ImportVerdict"/>).</summary>
internal static class ImportsText
{
    public static string Render(ModuleImage module, LoadedImage importer, LoadedModules modules, string owner)
    {
        var notes = new List<string>();
        var imports = ImportDirectory.Read(module, notes);
        var text = new StringBuilder();
        foreach (var line in module.SourceLines("imports.txt", owner).Concat(module.ReadLines())) text.Append(line).Append('\n');
        text.Append("# IAT values: from memory only (the file on disk holds unbound values)\n");
        text.Append("# flags: HOOK? = points outside every loaded module; REDIRECTED? = points into a module other than the imported one, where\n");
        text.Append("#   the imported DLL does not forward the function there, the name is not an API set (api-ms-*, ext-ms-*: any module\n");
        text.Append("#   accepted, the schema is not read), and it is not a delay-load slot still on its thunk in this image\n");
        foreach (var note in notes) text.Append($"# problem: {note}\n");
        var functions = imports.Sum(i => i.Functions.Count);
        var flagged = 0;
        var body = new StringBuilder();
        foreach (var imported in imports)
        {
            body.Append($"{SectionsText.Printable(imported.Name)}{(imported.DelayLoad ? " (delay-load)" : "")}: {imported.Functions.Count} functions\n");
            if (imported.Problem is not null) body.Append($"  # problem: {imported.Problem}\n");
            foreach (var function in imported.Functions)
            {
                var (target, flag) = ImportVerdict.Of(function, imported, importer, modules);
                var value = function.Value is { } v ? $"0x{v:X16}" : "?";
                body.Append($"  0x{function.Slot:X16} {value,-18} {function.Describe()} -> {target}");
                if (flag is not null)
                {
                    flagged++;
                    body.Append($"  {flag}");
                }
                body.Append('\n');
            }
        }
        text.Append($"# {imports.Count} imported DLLs, {functions} functions, {flagged} flagged\n");
        text.Append("# slot               value              function -> target  [flag]\n");
        return text.Append(body).ToString();
    }
}
