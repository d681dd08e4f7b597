namespace MemFs.Vfs.Pictures;

/// <summary>
/// MemFs's own fixed-width bitmap font for printable ASCII (0x20-0x7E): 5 × 7 pixel glyphs, each at the top left
/// of a <see cref="CellWidth"/> × <see cref="CellHeight"/> cell, so one column and two rows of every cell are
/// spacing. Any other character is drawn as <see cref="Replacement"/>. Used for legends and labels.
/// </summary>
internal static class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;
    public const int CellWidth = 6;
    public const int CellHeight = 9;
    public const char Replacement = '?';

    private const char First = ' ';
    private const char Last = '~';
    private const int GlyphsPerSheetRow = 16;

    /// <summary>The glyphs of 0x20-0x7E in order, 16 side by side per block of 7 lines, '#' for ink.</summary>
    private const string Sheet = """
        ..... ..#.. .#.#. .#.#. ..#.. ##... .##.. ..#.. ...#. .#... ..... ..... ..... ..... ..... .....
        ..... ..#.. .#.#. .#.#. .#### ##..# #..#. ..#.. ..#.. ..#.. ..#.. ..#.. ..... ..... ..... ....#
        ..... ..#.. .#.#. ##### #.#.. ...#. #.#.. .#... .#... ...#. #.#.# ..#.. ..... ..... ..... ...#.
        ..... ..#.. ..... .#.#. .###. ..#.. .#... ..... .#... ...#. .###. ##### ..... ##### ..... ..#..
        ..... ..#.. ..... ##### ..#.# .#... #.#.# ..... .#... ...#. #.#.# ..#.. .##.. ..... ..... .#...
        ..... ..... ..... .#.#. ####. #..## #..#. ..... ..#.. ..#.. ..#.. ..#.. ..#.. ..... .##.. #....
        ..... ..#.. ..... .#.#. ..#.. ...## .##.# ..... ...#. .#... ..... ..... .#... ..... .##.. .....

        .###. ..#.. .###. ##### ...#. ##### ..##. ##### .###. .###. ..... ..... ...#. ..... .#... .###.
        #...# .##.. #...# ...#. ..##. #.... .#... ....# #...# #...# .##.. .##.. ..#.. ..... ..#.. #...#
        #..## ..#.. ....# ..#.. .#.#. ####. #.... ...#. #...# #...# .##.. .##.. .#... ##### ...#. ....#
        #.#.# ..#.. ...#. ...#. #..#. ....# ####. ..#.. .###. .#### ..... ..... #.... ..... ....# ...#.
        ##..# ..#.. ..#.. ....# ##### ....# #...# .#... #...# ....# .##.. .##.. .#... ##### ...#. ..#..
        #...# ..#.. .#... #...# ...#. #...# #...# .#... #...# ...#. .##.. ..#.. ..#.. ..... ..#.. .....
        .###. .###. ##### .###. ...#. .###. .###. .#... .###. .##.. ..... .#... ...#. ..... .#... ..#..

        .###. .###. ####. .###. ###.. ##### ##### .###. #...# .###. ..### #...# #.... #...# #...# .###.
        #...# #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. ...#. #..#. #.... ##.## #...# #...#
        ....# #...# #...# #.... #...# #.... #.... #.... #...# ..#.. ...#. #.#.. #.... #.#.# ##..# #...#
        .##.# ##### ####. #.... #...# ####. ####. #.### ##### ..#.. ...#. ##... #.... #.#.# #.#.# #...#
        #.#.# #...# #...# #.... #...# #.... #.... #...# #...# ..#.. ...#. #.#.. #.... #...# #..## #...#
        #.#.# #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. #..#. #..#. #.... #...# #...# #...#
        .###. #...# ####. .###. ###.. ##### #.... .#### #...# .###. .##.. #...# ##### #...# #...# .###.

        ####. .###. ####. .#### ##### #...# #...# #...# #...# #...# ##### .###. ..... .###. ..#.. .....
        #...# #...# #...# #.... ..#.. #...# #...# #...# #...# #...# ....# .#... #.... ...#. .#.#. .....
        #...# #...# #...# #.... ..#.. #...# #...# #...# .#.#. .#.#. ...#. .#... .#... ...#. #...# .....
        ####. #...# ####. .###. ..#.. #...# #...# #.#.# ..#.. ..#.. ..#.. .#... ..#.. ...#. ..... .....
        #.... #.#.# #.#.. ....# ..#.. #...# #...# #.#.# .#.#. ..#.. .#... .#... ...#. ...#. ..... .....
        #.... #..#. #..#. ....# ..#.. #...# .#.#. #.#.# #...# ..#.. #.... .#... ....# ...#. ..... .....
        #.... .##.# #...# ####. ..#.. .###. ..#.. .#.#. #...# ..#.. ##### .###. ..... .###. ..... #####

        .#... ..... #.... ..... ....# ..... ..##. ..... #.... ..#.. ...#. #.... .##.. ..... ..... .....
        ..#.. ..... #.... ..... ....# ..... .#..# ..... #.... ..... ..... #.... ..#.. ..... ..... .....
        ...#. .###. #.##. .###. .##.# .###. .#... .#### #.##. .##.. ..##. #..#. ..#.. ##.#. #.##. .###.
        ..... ....# ##..# #.... #..## #...# ###.. #...# ##..# ..#.. ...#. #.#.. ..#.. #.#.# ##..# #...#
        ..... .#### #...# #.... #...# ##### .#... .#### #...# ..#.. ...#. ##... ..#.. #.#.# #...# #...#
        ..... #...# #...# #...# #...# #.... .#... ....# #...# ..#.. #..#. #.#.. ..#.. #...# #...# #...#
        ..... .#### ####. .###. .#### .###. .#... .###. #...# .###. .##.. #..#. .###. #...# #...# .###.

        ..... ..... ..... ..... .#... ..... ..... ..... ..... ..... ..... ...#. ..#.. .#... .....
        ..... ..... ..... ..... .#... ..... ..... ..... ..... ..... ..... ..#.. ..#.. ..#.. .....
        ####. .#### #.##. .###. ###.. #...# #...# #...# #...# #...# ##### ..#.. ..#.. ..#.. .#...
        #...# #...# ##..# #.... .#... #...# #...# #...# .#.#. #...# ...#. .#... ..#.. ...#. #.#.#
        ####. .#### #.... .###. .#... #...# #...# #.#.# ..#.. .#### ..#.. ..#.. ..#.. ..#.. ...#.
        #.... ....# #.... ....# .#..# #..## .#.#. #.#.# .#.#. ....# .#... ..#.. ..#.. ..#.. .....
        #.... ....# #.... ####. ..##. .##.# ..#.. .#.#. #...# .###. ##### ...#. ..#.. .#... .....
        """;

    private static readonly bool[,,] Ink = ParseSheet();

    /// <summary>Whether the glyph drawn for <paramref name="c"/> has ink at (column, row) of its cell.</summary>
    public static bool IsInk(char c, int column, int row) =>
        column is >= 0 and < GlyphWidth && row is >= 0 and < GlyphHeight && Ink[GlyphIndex(c), row, column];

    public static int MeasureWidth(string text) => text.Length * CellWidth;

    /// <summary>
    /// Draws <paramref name="text"/> on one line with the first cell's top-left corner at (x, y), clipped to the
    /// picture, and returns the x just past the last cell.
    /// </summary>
    public static int DrawText(RgbImage image, int x, int y, string text, Rgb colour)
    {
        foreach (var c in text)
        {
            var glyph = GlyphIndex(c);
            for (var row = 0; row < GlyphHeight; row++)
            for (var column = 0; column < GlyphWidth; column++)
                if (Ink[glyph, row, column]) image.FillRectangle(x + column, y + row, 1, 1, colour);
            x += CellWidth;
        }
        return x;
    }

    private static int GlyphIndex(char c) => (c is >= First and <= Last ? c : Replacement) - First;

    private static bool[,,] ParseSheet()
    {
        var ink = new bool[Last - First + 1, GlyphHeight, GlyphWidth];
        var blocks = Sheet.ReplaceLineEndings("\n").Split("\n\n");
        for (var block = 0; block < blocks.Length; block++)
        {
            var lines = blocks[block].Split('\n');
            for (var row = 0; row < GlyphHeight; row++)
            {
                var cells = lines[row].Split(' ');
                for (var cell = 0; cell < cells.Length; cell++)
                for (var column = 0; column < GlyphWidth; column++)
                    ink[block * GlyphsPerSheetRow + cell, row, column] = cells[cell][column] == '#';
            }
        }
        return ink;
    }
}
