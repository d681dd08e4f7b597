using System.Text;
using MemFs.Aff4.Codecs;
using MemFs.Fuzz.Running;
using MemFs.Tests.Aff4.Writers;
using MemFs.Tests.Demo;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// The demo AFF4 with one claim in its Turtle mutated: a pagefile or acquired file stating a size near 2^63 is left
/// out of the extended space with the reason said, and a chunk size no writer uses is refused up front. Either way
/// each command ends at once, with no stack trace: run in-process, its thread uses under 2 s of CPU (the work it
/// does, whatever the machine's load; a command past that is abandoned and fails here, as
/// <see cref="Fuzz.WorkBudgetTests"/> shows with injected slow commands).
/// </summary>
public class MutatedAff4CommandTests
{
    private const string Volume = DemoImageBuilder.VolumeUrn;
    private string _directory = "";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private static readonly InProcessCommand Command = new(Budget);

    /// <summary>The first command run in-process compiles memfs's code on its thread: paid here, not by the first case.</summary>
    [OneTimeSetUp]
    public void Create()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-mutated-").FullName;
        Command.Run(["info", Image("undamaged.aff4", "")]);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    private string Image(string name, string turtle)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, DemoImageBuilder.Build(new DemoSystem(), turtle));
        return path;
    }

    private static MemFsProcess.Result Timed(params string[] args)
    {
        var run = Command.Run(args);
        var what = $"{string.Join(' ', args)}: {run.Work.TotalMilliseconds:F0} ms CPU, {run.Elapsed.TotalMilliseconds:F0} ms wall";
        Assert.That(run.Finished, Is.True, $"abandoned: {what}");
        Assert.That(run.Work, Is.LessThan(Budget), what);
        Assert.That(run.Escaped, Is.Null, what);
        Assert.That(run.Stderr, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "no stack trace");
        return new MemFsProcess.Result(run.ExitCode!.Value, Encoding.UTF8.GetBytes(run.Stdout), run.Stderr);
    }

    [TestCase(long.MaxValue)]
    [TestCase(long.MaxValue - (1L << 30) + 1)]
    public void APagefileClaimingNearlyTwoToTheSixtyThreeBytesIsLeftOutWithTheReason(long size)
    {
        var image = Image($"pagefile-{size:X}.aff4", $"<{Volume}/C:/pagefile.sys> aff4:size {size} .");
        var reason = $"claims 0x{size:X} bytes, more than the extended space can place";

        var info = Timed("info", image);
        Assert.That(info.ExitCode, Is.Zero, info.Stderr);
        Assert.That(info.Text + info.Stderr, Does.Contain($"Left out: pagefile 0 (").And.Contain(reason));
        foreach (var command in new[] { "ps", "ls" })
        {
            var result = Timed(command, image);
            Assert.That(result.ExitCode, Is.Zero, $"{command}: {result.Stderr}");
        }
    }

    [Test]
    public void AnAcquiredFileClaimingNearlyTwoToTheSixtyThreeBytesIsPlacedWithTheBytesItsVolumeHolds()
    {
        var urn = Volume + "/" + DemoLayout.NotesPath.Replace('\\', '/');
        var image = Image("file.aff4", $"<{urn}> aff4:size {long.MaxValue} .");

        var ls = Timed("ls", image);
        Assert.That(ls.ExitCode, Is.Zero, ls.Stderr);
        var vtop = Timed("vtop", image, "--pid", DemoLayout.NotepadPid.ToString(), $"0x{DemoLayout.NotepadNotesView:X}");
        Assert.That(vtop.ExitCode, Is.Zero, vtop.Stderr);
        Assert.That(vtop.Text, Does.Contain($"extended space: 0x80000000-0x80008000 {DemoLayout.NotesPath[2..]} ("), "its one stored bevy (32 KiB), not the claim");
        Assert.That(vtop.Text, Does.Contain($"File Mapping {DemoLayout.NotesPath[2..]} @ 0x0 (P)"));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4000)]
    public void AChunkSizeNoWriterUsesIsRefusedNamingVolumeStreamAndValue(int chunkSize)
    {
        const string volume = "aff4://c4c0c4c0-0000-4000-8000-000000000001";
        var stream = volume + "/PhysicalMemory";
        var builder = new TestAff4VolumeBuilder(volume);
        builder.AddSegment(stream + "/00000000", new byte[4096]);
        builder.AddSegment(stream + "/00000000.index", new byte[12]);
        builder.AddTurtle($"<{stream}> a aff4:ImageStream ; aff4:size 402653184 ; aff4:chunkSize {chunkSize} ; aff4:chunksInSegment 4096 ; " +
            $"aff4:compressionMethod <{TestAff4VolumeBuilder.DefaultIri(CompressionMethod.Stored)}> ; aff4:stored <{volume}> ; aff4:category memory:physical .");
        var image = builder.WriteTo(_directory, $"chunk-{chunkSize}.aff4");
        foreach (var command in new[] { "info", "ps", "ls" })
        {
            var result = Timed(command, image);
            Assert.That(result.ExitCode, Is.EqualTo(1), command);
            var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(1), result.Stderr);
            Assert.That(lines[0], Does.StartWith("memfs: error: ").And.Contain(image).And.Contain($"'{stream}'")
                .And.Contain($"chunk size {chunkSize} is out of range: AFF4 writers use 512 B to 64 MiB in multiples of 512 bytes"));
        }
    }
}
