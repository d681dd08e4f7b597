using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The VAD tree members MemFs reads. Two tree shapes: Windows 7's _MM_AVL_TABLE, whose root is
/// the RightChild of the BalancedRoot sentinel embedded at EPROCESS.VadRoot and whose nodes link through
/// _MMVAD_SHORT.LeftChild/RightChild with 64-bit VPNs; and the _RTL_AVL_TREE of later builds, a root pointer at
/// EPROCESS.VadRoot and _MMVAD_SHORT.VadNode (_RTL_BALANCED_NODE.Left/Right) links with 32-bit VPNs. A profile with
/// _MMVAD_SHORT.LeftChild is read with Windows 7's shape. Optional members: StartingVpnHigh/EndingVpnHigh (the VPN's
/// high byte, Windows 8.1 and later; absent, the VPN is 32 bits); MemCommit lives in _MMVAD_FLAGS on Windows 7 and in
/// _MMVAD_FLAGS1 (at _MMVAD_SHORT.u1) from Windows 8 to Windows 11 23H2, and from 24H2 (26100), where u1 became the plain
/// u32 CommitCharge, in the private-VAD view of the flags (_MM_PRIVATE_VAD_FLAGS.MemCommit, bit 25, private VADs only);
/// whichever the profile has is set.
/// </summary>
internal sealed record VadLayout(
    bool Windows7Tree,
    int VadRoot,
    int RootPointer,
    int LeftChild,
    int RightChild,
    int StartingVpn,
    int EndingVpn,
    int? StartingVpnHigh,
    int? EndingVpnHigh,
    int Flags,
    BitField Protection,
    BitField VadType,
    BitField PrivateMemory,
    BitField? MemCommitInFlags,
    int? Flags1,
    BitField? MemCommitInFlags1,
    BitField? MemCommitInPrivateFlags,
    int Subsection,
    int FirstPrototypePte,
    int LastContiguousPte)
{
    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    public static VadLayout From(KernelProfile profile)
    {
        var f = new FieldResolver(profile, "_MMVAD");
        var windows7 = profile.Offsets.ContainsKey("_MMVAD_SHORT.LeftChild");
        int rootPointer, left, right;
        if (windows7)
            (rootPointer, left, right) = (f.Offset("_MMADDRESS_NODE.RightChild"), f.Offset("_MMVAD_SHORT.LeftChild"), f.Offset("_MMVAD_SHORT.RightChild"));
        else
        {
            var node = f.Offset("_MMVAD_SHORT.VadNode");
            (rootPointer, left, right) = (0, node + f.Offset("_RTL_BALANCED_NODE.Left"), node + f.Offset("_RTL_BALANCED_NODE.Right"));
        }
        var memCommitInFlags = f.OptionalBits("_MMVAD_FLAGS.MemCommit");
        var flags1 = memCommitInFlags is null ? f.OptionalOffset("_MMVAD_SHORT.u1") : null;
        var memCommitInFlags1 = memCommitInFlags is null ? f.OptionalBits("_MMVAD_FLAGS1.MemCommit") : null;
        var layout = new VadLayout(windows7,
            f.Offset("_EPROCESS.VadRoot"),
            rootPointer, left, right,
            f.Offset("_MMVAD_SHORT.StartingVpn"),
            f.Offset("_MMVAD_SHORT.EndingVpn"),
            windows7 ? null : f.OptionalOffset("_MMVAD_SHORT.StartingVpnHigh"),
            windows7 ? null : f.OptionalOffset("_MMVAD_SHORT.EndingVpnHigh"),
            f.Offset("_MMVAD_SHORT.u"),
            f.Bits("_MMVAD_FLAGS.Protection"),
            f.Bits("_MMVAD_FLAGS.VadType"),
            f.Bits("_MMVAD_FLAGS.PrivateMemory"),
            memCommitInFlags,
            flags1,
            memCommitInFlags1,
            memCommitInFlags is null && memCommitInFlags1 is null ? f.OptionalBits("_MM_PRIVATE_VAD_FLAGS.MemCommit") : null,
            f.Offset("_MMVAD.Subsection"),
            f.Offset("_MMVAD.FirstPrototypePte"),
            f.Offset("_MMVAD.LastContiguousPte"));
        f.ThrowIfMissing();
        return layout with { Provenance = f.Provenance };
    }
}
