using System.Text;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Modules.UnloadedModules;

/// <summary>unloaded.txt: the DLLs ntdll's unload event trace records, oldest first (the minidump's UnloadedModuleList), or why there is no list.</summary>
internal static class UnloadedText
{
    public const string FileName = "unloaded.txt";

    public static string Render(ProcessView view)
    {
        var trace = UnloadEventTrace.Read(view);
        var text = new StringBuilder();
        text.Append($"# {FileName}: {view.Process.Pid} {view.Process.Name}: DLLs the loader unloaded, from ntdll's unload event trace (RtlpUnloadEventTrace,\n");
        text.Append($"# found through the export {UnloadEventTraceLocator.Export}), oldest first; the minidump's UnloadedModuleList\n");
        if (trace.Missing is not null)
        {
            text.Append($"# no list: {trace.Missing}\n");
            return text.ToString();
        }
        text.Append($"# trace at 0x{trace.Address:X}: {UnloadEventTrace.Slots} slots of 0x{UnloadEventRecord.Size:X} bytes, {trace.Modules.Count} used\n");
        foreach (var line in trace.Unreadable) text.Append($"# unreadable: {line}\n");
        text.Append($"# {"sequence",-8} {"base",-18} {"end",-18} {"TimeDateStamp",-13} {"CheckSum",-10} name\n");
        foreach (var m in trace.Modules)
            text.Append($"  {m.Sequence,-8} 0x{m.Base:X16} 0x{m.Base + m.Size:X16} 0x{m.TimeDateStamp:X8}    0x{m.CheckSum:X8} {m.Name}\n");
        return text.ToString();
    }
}
