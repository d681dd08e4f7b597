using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical;

/// <summary>Bytes that are a plain range of an evidence file: they start at <see cref="Position"/> of the open <see cref="File"/>.</summary>
public readonly record struct EvidenceRange(SafeFileHandle File, long Position);
