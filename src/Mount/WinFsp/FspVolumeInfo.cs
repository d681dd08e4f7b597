using System.Runtime.InteropServices;

namespace MemFs.Mount.WinFsp;

/// <summary><c>FSP_FSCTL_VOLUME_INFO</c>, 88 bytes (fsctl.h static assert): sizes and label for GetVolumeInfo.</summary>
[StructLayout(LayoutKind.Explicit, Size = 88)]
internal unsafe struct FspVolumeInfo
{
    public const int LabelCapacity = 32;

    [FieldOffset(0)] public ulong TotalSize;
    [FieldOffset(8)] public ulong FreeSize;
    /// <summary>In bytes, without a terminating zero.</summary>
    [FieldOffset(16)] public ushort VolumeLabelLength;
    [FieldOffset(18)] public fixed char VolumeLabel[LabelCapacity];

    /// <summary>A full volume (nothing can be written) labelled with up to 32 characters of <paramref name="label"/>.</summary>
    public static FspVolumeInfo ReadOnly(string label)
    {
        var info = new FspVolumeInfo();
        var length = Math.Min(label.Length, LabelCapacity);
        label.AsSpan(0, length).CopyTo(new Span<char>(info.VolumeLabel, LabelCapacity));
        info.VolumeLabelLength = (ushort)(length * sizeof(char));
        return info;
    }
}
