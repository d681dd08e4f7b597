namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>An ISF's <c>metadata</c>: schema version, producer, and the PDB identity when it describes a Windows PDB.</summary>
internal sealed record IsfMetadata(string Format, string? ProducerName, string? ProducerVersion, IsfPdbIdentity? Pdb);
