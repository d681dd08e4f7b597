using MemFs.Translate.Extended;

namespace MemFs.Translate.Paging;

/// <summary>
/// One step of a translation, as the walk took it: which entry was read where, its value and decoding, or a
/// decision (consulting a VAD, following a subsection); <see cref="Nested"/> holds the steps of a translation
/// made on its behalf (a compressed-store region page in MemCompression). Produced by the same code that serves reads.
/// </summary>
public sealed record TraceStep(TraceStepKind Kind, string Text, ExtendedLocation? Location = null, ulong? Raw = null, DecodedPte? Decoded = null,
    ulong? VirtualAddress = null, IReadOnlyList<TraceStep>? Nested = null);
