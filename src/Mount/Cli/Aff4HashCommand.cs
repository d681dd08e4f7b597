using System.CommandLine;
using MemFs.Aff4;
using MemFs.Aff4.Hashing;
using MemFs.Aff4.Rdf;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs aff4 hash</c>: MD5, SHA-1 and SHA-256 of an object; <c>--verify</c> checks the stored hashes.</summary>
internal static class Aff4HashCommand
{
    private static readonly string[] Always = ["md5", "sha1", "sha256"];

    public static Command Create()
    {
        var volumes = Aff4Command.VolumesArgument();
        var selector = new StreamSelector();
        var verify = new Option<bool>("--verify")
        {
            Description = "also recompute every hash the volumes state (stream and image hashes, per-chunk block hashes, map, " +
                "index and block-map hashes) and exit with code 3 on any mismatch",
        };
        var command = new Command("hash", "Hash the decompressed bytes of an AFF4 object (streaming, progress on stderr).\n\n" +
            "Examples:\n" +
            "  memfs aff4 hash memory.aff4\n" +
            "  memfs aff4 hash disk.aff4 --verify\n" +
            "  memfs aff4 hash memory.aff4 --category memory/pagefile");
        command.Add(volumes);
        selector.AddTo(command);
        command.Add(verify);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var image = Aff4Image.Open(parse.GetValue(volumes)!);
            var urn = selector.Resolve(parse, image);
            var stream = image.OpenStream(urn);
            ClaimedSize.Check(stream, image.Volumes.FilePaths);
            var verifier = new Aff4Verifier(image);
            var stated = verifier.StatedHashes().Where(h => h.Subject == urn && h.Property == Aff4Vocabulary.Hash).ToArray();
            var algorithms = Always.Concat(stated.Select(h => h.Algorithm).Where(HashAlgorithms.Supported.Contains)).Distinct().ToArray();

            var digests = ProgressReporter.Run($"hashing {urn}", stream.Length,
                progress => StreamHasher.Hash(stream, 0, stream.Length, algorithms, image.Volumes.FilePaths, progress));
            Console.WriteLine($"{urn} ({stream.Length:N0} bytes)");
            foreach (var a in algorithms) Console.WriteLine($"  {a,-8} {digests[a]}");
            if (!parse.GetValue(verify)) return 0;

            verifier.RememberLinearHashes(urn, digests);
            var checks = verifier.Verify(includeContent: true, new ImmediateProgress<string>(step => Console.Error.WriteLine($"verifying {step}")));
            return ReportChecks(checks);
        }));
        return command;
    }

    private static int ReportChecks(IReadOnlyList<HashCheck> checks)
    {
        Console.WriteLine();
        if (checks.Count == 0) Console.WriteLine("The volumes state no hashes that could be checked (WinPmem, c-aff4 and Rekall write none).");
        foreach (var c in checks)
        {
            var status = c.Status switch
            {
                HashCheckStatus.Match => "OK",
                HashCheckStatus.Mismatch => "MISMATCH",
                HashCheckStatus.NotVerifiable => "not verified",
                _ => "FAILED",
            };
            Console.WriteLine($"{status,-12} {c.Property} {c.Algorithm} of {c.Subject}" + (c.Note is null ? "" : $" ({c.Note})"));
            if (c.Status == HashCheckStatus.Mismatch) Console.WriteLine($"{"",-12} stated   {c.Stated}\n{"",-12} computed {c.Computed}");
        }
        var bad = checks.Count(c => c.Status is HashCheckStatus.Mismatch or HashCheckStatus.Failed);
        Console.Error.WriteLine(bad == 0 ? $"verified: {checks.Count(c => c.Status == HashCheckStatus.Match)} hashes match" : $"memfs: {bad} hash checks FAILED");
        return bad == 0 ? 0 : 3;
    }
}
