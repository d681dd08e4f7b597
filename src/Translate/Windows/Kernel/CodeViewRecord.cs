using System.Text;
using MemFs.Aff4.Binary;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// A PE's RSDS CodeView record: the PDB it was linked with. <see cref="PdbId"/> is the symbol-server key: the GUID's
/// 32 upper-case hex digits with Data1-Data3 in their little-endian field order (as <see cref="Guid"/> prints them),
/// then the age in hex.
/// </summary>
public sealed record CodeViewRecord(string PdbName, Guid Guid, uint Age)
{
    private static readonly HashSet<string> KernelPdbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "ntkrnlmp.pdb", "ntoskrnl.pdb", "ntkrpamp.pdb", "ntkrnlpa.pdb", "ntkrla57.pdb",
    };

    /// <summary>"RSDS", the signature of a PDB 7.0 CodeView record.</summary>
    public const uint RsdsSignature = 0x5344_5352;

    // CV_INFO_PDB70 (the RSDS record the debug directory's IMAGE_DEBUG_TYPE_CODEVIEW entry points at).
    private const int CvSignatureField = 0;
    private const int SignatureField = 4;
    private const int AgeField = 20;
    private const int PdbFileNameField = 24;

    /// <summary>The RSDS record in <paramref name="record"/>, or null with the reason.</summary>
    internal static CodeViewRecord? Read(BoundedReader record, out string? why)
    {
        if (record.U32(CvSignatureField, "CvSignature") != RsdsSignature) return Fail(out why, "CodeView record is not RSDS");
        var nameBytes = record.Bytes(PdbFileNameField, Math.Max(0, record.Length - PdbFileNameField), "PdbFileName");
        var end = nameBytes.IndexOf((byte)0);
        if (end <= 0) return Fail(out why, "RSDS PDB name is empty or unterminated");
        why = null;
        return new CodeViewRecord(Encoding.UTF8.GetString(nameBytes[..end]), new Guid(record.Bytes(SignatureField, 16, "Signature")), record.U32(AgeField, "Age"));
    }

    private static CodeViewRecord? Fail(out string? why, string reason)
    {
        why = reason;
        return null;
    }

    public string PdbId => Guid.ToString("N").ToUpperInvariant() + Age.ToString("X");

    /// <summary>The file name of <see cref="PdbName"/>, which may carry the build machine's path.</summary>
    public string PdbFileName => PdbName[(PdbName.LastIndexOfAny(['\\', '/']) + 1)..];

    public bool IsKernel => KernelPdbs.Contains(PdbFileName);

    public override string ToString() => $"{PdbFileName} {PdbId}";
}
