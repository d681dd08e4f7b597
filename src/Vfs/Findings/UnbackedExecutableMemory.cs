using System.Buffers.Binary;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Vads;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Findings;

/// <summary>
/// Private or mapped memory whose VAD protection allows execution but that no image section backs: where injected
/// code lives. Says the protection, whether the first page starts with a PE image (the "MZ" DOS header whose e_lfanew,
/// at 0x3C, points to the "PE\0\0" signature within the page) and how many of its pages can be read.
/// </summary>
internal sealed class UnbackedExecutableMemory : IFindingProvider
{
    public const string Kind = "executable-unbacked";

    /// <summary>Pages checked for readability per region: a region's pages are translated one by one.</summary>
    private const int PagesChecked = 4096;

    private const int Page = 4096;

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        var view = subject.View;
        foreach (var vad in view.DataVads.Where(v => IsExecutable(v.Protection) && VadKinds.Of(v) != VadKind.Image))
        {
            var pages = (vad.End - vad.Start + 1) / Page;
            var checkedPages = Math.Min(pages, PagesChecked);
            var readable = 0UL;
            for (var page = 0UL; page < checkedPages; page++)
                if (view.Memory.Translate(vad.Start + page * Page, NoTrace.Instance).Readable) readable++;
            var pe = StartsWithPe(view, vad.Start) ? "starts with an MZ/PE header" : "does not start with a PE header";
            var counted = checkedPages < pages ? $"{readable} of the first {checkedPages} pages readable" : $"{readable} of {pages} pages readable";
            var kind = vad.IsPrivate ? "private" : "mapped";
            yield return new Finding(Kind, view.Process.Pid, view.Process.Name, vad.Start, vad.End, vad.FileName,
                $"{kind} {MmProtection.Name(vad.Protection)} memory not backed by an image, {pe}, {counted}: code here was not loaded from a file",
                $"{subject.Directory}/regions/{RegionFile.NameOf(vad)}");
        }
    }

    /// <summary>EXECUTE, EXECUTE_READ, EXECUTE_READWRITE and EXECUTE_WRITECOPY (MM protection index 2, 3, 6, 7, whatever the cache and guard bits).</summary>
    public static bool IsExecutable(int protection) =>
        protection is >= 0 and not MmProtection.Decommit and not MmProtection.NoAccess and not 0x1F && (protection & 7) is 2 or 3 or 6 or 7;

    private static bool StartsWithPe(ProcessView view, ulong start)
    {
        if (!view.Memory.Translate(start, NoTrace.Instance).Readable) return false;
        var page = new byte[Page];
        view.Memory.Read(start, page);
        if (page[0] != (byte)'M' || page[1] != (byte)'Z') return false;
        var peOffset = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(0x3C));
        return peOffset <= Page - 4 && BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan((int)peOffset)) == 0x00004550;
    }
}
