namespace MemFs.Translate.Windows.Symbols.Cab;

/// <summary>A CFFOLDER entry ([MS-CAB] 2.2): where the folder's first CFDATA block is, how many blocks, and their compression.</summary>
internal sealed record CabinetFolder(uint FirstDataOffset, ushort DataBlocks, ushort CompressionType)
{
    public const ushort None = 0;
    public const ushort MsZip = 1;

    /// <summary>typeCompress's low four bits name the method; the rest are method parameters (LZX window size, Quantum level).</summary>
    public ushort Method => (ushort)(CompressionType & 0x000F);
}
