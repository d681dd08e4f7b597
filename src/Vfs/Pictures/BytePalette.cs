namespace MemFs.Vfs.Pictures;

/// <summary>
/// The colour of a byte value in <c>executable.png</c>, by class, brighter for higher values within a class so
/// structure shows: 0x00 black; 0x01-0x1F (control) green (0, L, 0); 0x20-0x7E (printable ASCII) blue
/// (0, L/2, L); 0x7F-0xFE red (L, 0, 0); 0xFF white. L = 96 + 159 × (value − class start) / (class end − class
/// start), in integers, so L runs from 96 at the first value of a class to 255 at its last.
/// </summary>
internal static class BytePalette
{
    private static readonly Rgb[] Colours = Enumerable.Range(0, 256).Select(b => Compute((byte)b)).ToArray();

    public static Rgb Of(byte value) => Colours[value];

    private static Rgb Compute(byte value) => value switch
    {
        0x00 => new Rgb(0, 0, 0),
        <= 0x1F => new Rgb(0, Level(value, 0x01, 0x1F), 0),
        <= 0x7E => new Rgb(0, (byte)(Level(value, 0x20, 0x7E) / 2), Level(value, 0x20, 0x7E)),
        <= 0xFE => new Rgb(Level(value, 0x7F, 0xFE), 0, 0),
        _ => new Rgb(255, 255, 255),
    };

    private static byte Level(byte value, byte first, byte last) => (byte)(96 + 159 * (value - first) / (last - first));
}
