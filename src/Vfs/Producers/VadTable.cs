using System.Text;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Vads;

namespace MemFs.Vfs.Producers;

/// <summary>The VAD table of vads.txt and of the vads command: one line per VAD, its kind named by <see cref="VadKinds"/>.</summary>
public static class VadTable
{
    public static string Render(IEnumerable<VadDescriptor> vads)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"VAD",-18} {"Start",-14} {"End",-14} {"Kind",-18} {"Tag",-4} {"Commit",-6} {"Protection",-18} File");
        foreach (var v in vads)
            text.AppendLine($"0x{v.Address:X16} 0x{v.Start:X12} 0x{v.End:X12} {VadKinds.NameOf(v),-18} {VadKinds.PoolTag(v),-4} {(v.MemCommit ? "yes" : "no"),-6} {MmProtection.Name(v.Protection),-18} {v.FileName}");
        return text.ToString();
    }
}
