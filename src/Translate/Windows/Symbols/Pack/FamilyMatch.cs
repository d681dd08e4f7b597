namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// Which family answers an NtBuildNumber: <see cref="NeedsVerification"/> is set when it is a nearest-lower family
/// rather than the kernel's own, and <see cref="Note"/> says so in words for the report.
/// </summary>
internal sealed record FamilyMatch(uint Build, uint Family, bool NeedsVerification, string Note);
