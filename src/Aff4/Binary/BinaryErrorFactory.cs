namespace MemFs.Aff4.Binary;

/// <summary>
/// Makes the exception a <see cref="BoundedReader"/> throws, so each layer keeps its own error type: the file,
/// the absolute offset of the offending bytes, and the problem in words.
/// </summary>
public delegate Exception BinaryErrorFactory(string file, long offset, string problem);
