using System.CommandLine;
using MemFs.Aff4;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs aff4 cat</c>: writes the bytes of one AFF4 object to stdout.</summary>
internal static class Aff4CatCommand
{
    public static Command Create()
    {
        var volumes = Aff4Command.VolumesArgument();
        var selector = new StreamSelector();
        var offset = new Option<string>("--offset") { Description = "first byte (decimal, 0x hex, K/M/G suffixes)", DefaultValueFactory = _ => "0" };
        var length = new Option<string?>("--length") { Description = "number of bytes (default: to the end of the object)" };
        var command = new Command("cat", "Write the bytes of an AFF4 object (decompressed, map gaps filled as the volume says) to stdout.\n\n" +
            "Examples:\n" +
            "  memfs aff4 cat memory.aff4 --offset 0x1AA000 --length 4K | xxd | head\n" +
            "  memfs aff4 cat memory.aff4 --category memory/pagefile > pagefile.sys\n" +
            @"  memfs aff4 cat memory.aff4 --file 'C:\Windows\System32\drivers\acpi.sys' > acpi.sys");
        command.Add(volumes);
        selector.AddTo(command);
        command.Add(offset);
        command.Add(length);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var image = Aff4Image.Open(parse.GetValue(volumes)!);
            var stream = image.OpenStream(selector.Resolve(parse, image));
            var start = NumberParser.Parse(parse.GetValue(offset)!, "--offset");
            if (start > stream.Length) throw new UsageException($"--offset 0x{start:X} is past the end of '{stream.Urn}' (0x{stream.Length:X} bytes)");
            var lengthText = parse.GetValue(length);
            var count = lengthText is null ? stream.Length - start : Math.Min(NumberParser.Parse(lengthText, "--length"), stream.Length - start);
            StdoutCopy.Run(start, count, (position, destination) =>
            {
                if (stream.Read(position, destination) != destination.Length)
                    throw new Aff4Exception("the stream ended before its stated length", image.Volumes.FilePaths, stream.Urn, position);
            });
            return 0;
        }));
        return command;
    }
}
