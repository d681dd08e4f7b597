using System.Text;
using MemFs.Translate.Windows.Handles;

namespace MemFs.Vfs.Producers;

/// <summary>handles.txt of a process directory and the text of <c>memfs handles</c>: one line per handle, sources named.</summary>
public static class HandlesText
{
    public const string Sources =
        "sources: _EPROCESS.ObjectTable -> _HANDLE_TABLE.TableCode (low 2 bits = levels) -> _HANDLE_TABLE_ENTRY (object header, " +
        "GrantedAccess); type from _OBJECT_HEADER.TypeIndex via nt!ObTypeIndexTable -> _OBJECT_TYPE.Name; name per type: File " +
        "_FILE_OBJECT.FileName, Process/Thread by PID/TID, others _OBJECT_HEADER_NAME_INFO.Name";

    public static string Render(ProcessView view)
    {
        HandleTable table;
        try
        {
            table = view.System.Handles(view.Process);
        }
        catch (IOException e)
        {
            return $"the handles of {view.Process.Pid} {view.Process.Name} cannot be listed: {e.Message}\n";
        }
        return Render(view, table);
    }

    public static string Render(ProcessView view, HandleTable table)
    {
        var text = new StringBuilder()
            .AppendLine($"{table.Handles.Count} handles of {view.Process.Pid} {view.Process.Name} (EPROCESS 0x{view.Process.Eprocess:X})")
            .AppendLine(Sources)
            .AppendLine(table.TypeDecoding)
            .AppendLine()
            .AppendLine($"{"handle",-8} {"object",-18} {"access",-10} {"type",-16} name");
        foreach (var h in table.Handles)
            text.AppendLine($"{$"0x{h.Handle:X}",-8} {$"0x{h.Object:X}",-18} {$"0x{h.GrantedAccess:X}",-10} {h.TypeName,-16} {h.Name ?? $"({h.NameNote})"}");
        if (table.Problems.Count > 0)
        {
            text.AppendLine().AppendLine("problems:");
            foreach (var p in table.Problems) text.AppendLine($"  {p}");
        }
        return text.ToString();
    }
}
