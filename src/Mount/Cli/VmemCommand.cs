using System.CommandLine;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs vmem</c>: virtual memory read through the translator.</summary>
internal static class VmemCommand
{
    public static Command Create()
    {
        var command = new Command("vmem", "Read a virtual address space through the Windows translator.");
        var options = new TranslationOptions();
        var offset = new Option<string>("--offset") { Description = "virtual address (0x hex or decimal)", Required = true };
        var length = new Option<string>("--length") { Description = "number of bytes (K/M/G suffixes)", Required = true };
        var pid = TranslationOptions.PidOption();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "say on stderr where the build, InvalidPteMask and DTB came from" };
        var strict = new Option<bool>("--strict") { Description = "fail on pages whose bytes cannot be resolved, naming the page and why (default: zeros)" };
        var zeroFill = new Option<bool>("--zero-fill") { Hidden = true };
        var cat = new Command("cat", "Write translated virtual memory to stdout. Demand-zero pages are zeros, and so are pages without bytes " +
            "(reserved, decommitted, or not resolvable with the sources given) unless --strict, which makes an unresolvable page an error.\n\n" +
            "Examples:\n" +
            "  memfs vmem cat memory.aff4 --offset 0xFFFFF80450228000 --length 4K | xxd | head\n" +
            "  memfs vmem cat memory.raw --pid 1234 --offset 0x7FF6A1230000 --length 64K --pagefile pagefile.sys\n" +
            "  memfs vmem cat memory.raw --dtb 0x1AD000 --build 19041 --offset 0x7FF6A1230000 --length 64K");
        options.AddTo(cat);
        cat.Add(offset);
        cat.Add(length);
        cat.Add(strict);
        cat.Add(zeroFill);
        cat.Add(pid);
        cat.Add(verbose);
        cat.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var request = options.Request(parse, pid);
            var start = unchecked((long)NumberParser.ParseAddress(parse.GetValue(offset)!, "--offset"));
            var count = NumberParser.Parse(parse.GetValue(length)!, "--length");
            using var session = options.Open(parse);
            var space = session.AddressSpace(request);
            if (parse.GetValue(verbose))
                foreach (var line in space.Provenance) Console.Error.WriteLine($"memfs: {line}");
            var memory = space.Memory(TreeOptions.Policy(parse.GetValue(strict)));
            StdoutCopy.Run(start, count, (position, destination) => memory.Read(unchecked((ulong)position), destination));
            DiagnosticsOutput.Warn(session);
            return 0;
        }));
        command.Add(cat);
        return command;
    }
}
