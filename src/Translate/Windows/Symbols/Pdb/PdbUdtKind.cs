namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>What a user-defined type record declares: LF_STRUCTURE, LF_CLASS or LF_UNION (and their VS2019 forms).</summary>
internal enum PdbUdtKind
{
    Structure,
    Class,
    Union,
}
