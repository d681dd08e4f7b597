namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>An ISF file (or its xz/gzip wrapper) that cannot be read, with the file and the reason.</summary>
internal sealed class IsfFormatException(string message, Exception? inner = null) : IOException(message, inner);
