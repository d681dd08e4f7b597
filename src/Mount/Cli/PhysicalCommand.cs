using System.CommandLine;
using MemFs.Translate.Physical;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs physical</c>: physical memory of any supported image.</summary>
internal static class PhysicalCommand
{
    public static Command Create()
    {
        var command = new Command("physical", "Read the physical address space of a memory image.");
        command.Add(CreateCat());
        return command;
    }

    private static Command CreateCat()
    {
        var image = new Argument<string>("IMAGE") { Description = "the memory image (format recognised by content)" };
        var offset = new Option<string>("--offset") { Description = "physical address (decimal, 0x hex, K/M/G)", Required = true };
        var length = new Option<string>("--length") { Description = "number of bytes", Required = true };
        var zeroHoles = new Option<bool>("--zero-holes") { Description = "write zeros for addresses the image does not hold (default: error)" };
        var command = new Command("cat", "Write physical memory bytes to stdout. Addresses the image does not hold (holes) are an error " +
            "unless --zero-holes is given; bytes a truncated or damaged image cannot supply are always an error.\n\n" +
            "Examples:\n" +
            "  memfs physical cat memory.dmp --offset 0x1AD000 --length 4K | xxd | head\n" +
            "  memfs physical cat memory.aff4 --offset 0 --length 16M --zero-holes > low16m.bin");
        command.Add(image);
        command.Add(offset);
        command.Add(length);
        command.Add(zeroHoles);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var start = NumberParser.Parse(parse.GetValue(offset)!, "--offset");
            var count = NumberParser.Parse(parse.GetValue(length)!, "--length");
            using var session = EvidenceSession.Open(new EvidenceOptions(parse.GetValue(image)!));
            var opened = session.Image;
            var fill = parse.GetValue(zeroHoles);
            StdoutCopy.Run(start, count, (position, destination) => PhysicalReads.Read(opened.Memory, position, destination, fill));
            return 0;
        }));
        return command;
    }
}
