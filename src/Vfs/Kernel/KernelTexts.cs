using MemFs.Translate.Paging;

namespace MemFs.Vfs.Kernel;

/// <summary>/kernel/vtop: the README and one kernel address's translation.</summary>
internal static class KernelTexts
{
    public const string VtopReadme =
        "Reading vtop/<hex kernel address>.txt (e.g. vtop/fffff78000000000.txt or vtop/0xFFFFF78000000000.txt) gives that\n" +
        "kernel address's translation through the kernel DTB, every step shown: each table entry's location and value,\n" +
        "the decoded PTE, prototype PTE lookups, pagefile number and offset, and the final location in the extended\n" +
        "physical space, or why there is none. The name is the full virtual address (0xFFFF8... and up), not the\n" +
        "/kernel/vmem offset. The files are not listed; any kernel address works.\n";

    public static string Vtop(KernelView kernel, ulong va)
    {
        var translator = kernel.System.Translator;
        var trace = new TraceRecorder();
        var result = translator.Translate(translator.KernelDtb, va, null, trace);
        var header = $"# kernel, DTB 0x{translator.KernelDtb:X}; /kernel/vmem offset 0x{KernelView.OffsetOf(va):X}\n";
        return header + TraceRenderer.Render(va, trace.Steps, result, translator.Settings);
    }
}
