using MemFs.Aff4.Metadata;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Metadata;

public class MiniYamlTests
{
    private static Dictionary<string, object?> Mapping(object? node) =>
        node as Dictionary<string, object?> ?? throw new AssertionException($"not a mapping: {node}");

    private static List<object?> Sequence(object? node) =>
        node as List<object?> ?? throw new AssertionException($"not a sequence: {node}");

    [Test]
    public void YamlCppStyleBlockMappingsAndIndentedSequenceOfMappings()
    {
        const string yaml = "Imager: WinPmem 3.3rc2\nRegisters:\n  CR3: 1744896\nRuns:\n  - start: 4096\n    length: 647168\n  - start: 1048576\n    length: 8192\n";

        var root = Mapping(MiniYaml.Parse(yaml));

        Assert.That(root["Imager"], Is.EqualTo("WinPmem 3.3rc2"));
        Assert.That(Mapping(root["Registers"])["CR3"], Is.EqualTo("1744896"));
        var runs = Sequence(root["Runs"]);
        Assert.That(runs, Has.Count.EqualTo(2));
        Assert.That(Mapping(runs[1]), Is.EqualTo(new Dictionary<string, object?> { ["start"] = "1048576", ["length"] = "8192" }));
    }

    [Test]
    public void PyYamlStyleSequenceAtTheKeysIndentationWithFlowItems()
    {
        const string yaml = """
            ---
            Registers: {CR3: 1744896, Other: 'it''s'}
            Runs:
            - {length: 647168, start: 4096}
            - {length: 8192,
              start: 1048576}
            - start: 7
              length: 8
            kernel_version: "Darwin Kernel \"17\"\tx"
            list: [1, [2, 3], {a: b}, "q,uoted", ]
            empty:
            nothing: ~
            ...
            """;

        var root = Mapping(MiniYaml.Parse(yaml));

        Assert.That(Mapping(root["Registers"]), Is.EqualTo(new Dictionary<string, object?> { ["CR3"] = "1744896", ["Other"] = "it's" }));
        var runs = Sequence(root["Runs"]).Select(Mapping).ToList();
        Assert.That(runs.Select(r => (r["start"], r["length"])), Is.EqualTo(new[] { ("4096", "647168"), ("1048576", "8192"), ("7", "8") }));
        Assert.That(root["kernel_version"], Is.EqualTo("Darwin Kernel \"17\"\tx"));
        var list = Sequence(root["list"]);
        Assert.That(list[0], Is.EqualTo("1"));
        Assert.That(Sequence(list[1]), Is.EqualTo(new[] { "2", "3" }));
        Assert.That(Mapping(list[2])["a"], Is.EqualTo("b"));
        Assert.That(list[3], Is.EqualTo("q,uoted"));
        Assert.That(list, Has.Count.EqualTo(4));
        Assert.That(root["empty"], Is.Null);
        Assert.That(root["nothing"], Is.Null);
    }

    [Test]
    public void CommentsAreRemovedOutsideQuotes()
    {
        const string yaml = """
            # written by hand
            a: 1 # trailing
            b: "not # a comment"
            c: x#y
              # indented comment line
            d: 'also # kept'
            """;

        var root = Mapping(MiniYaml.Parse(yaml));

        Assert.That(root, Is.EqualTo(new Dictionary<string, object?>
        {
            ["a"] = "1", ["b"] = "not # a comment", ["c"] = "x#y", ["d"] = "also # kept",
        }));
    }

    [Test]
    public void NestedBlockSequencesAndScalarItems()
    {
        const string yaml = "top:\n  - - a\n    - b\n  -\n    k: v\n  - plain text\n  - 'quoted: yes'\n";

        var top = Sequence(Mapping(MiniYaml.Parse(yaml))["top"]);

        Assert.That(Sequence(top[0]), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Mapping(top[1])["k"], Is.EqualTo("v"));
        Assert.That(top[2], Is.EqualTo("plain text"));
        Assert.That(top[3], Is.EqualTo("quoted: yes"));
    }

    [Test]
    public void LongPlainScalarsFoldedOntoDeeperLines()
    {
        var root = Mapping(MiniYaml.Parse("Imager: Rekall 1.7.2 (Hurricane\n  Ridge)\nnext: 1\n"));

        Assert.That(root["Imager"], Is.EqualTo("Rekall 1.7.2 (Hurricane Ridge)"));
    }

    [Test]
    public void LineEndingsAndTopLevelScalars()
    {
        Assert.That(Mapping(MiniYaml.Parse("a: 1\r\nb: 2\rc: 3"))["c"], Is.EqualTo("3"));
        Assert.That(MiniYaml.Parse("just text"), Is.EqualTo("just text"));
        Assert.That(MiniYaml.Parse(""), Is.Null);
        Assert.That(MiniYaml.Parse("# only a comment\n---\n"), Is.Null);
        Assert.That(Sequence(MiniYaml.Parse("[a, b]")), Is.EqualTo(new[] { "a", "b" }));
    }

    [TestCase("a: 1\n  b: 2\n", 2, "indentation")]
    [TestCase("a:\n\tb: 2\n", 2, "tab")]
    [TestCase("a: 1\na: 2\n", 2, "duplicate")]
    [TestCase("a: [1, 2\nb: 3\n", 1, "flow")]
    [TestCase("a: {x: 1] }\n", 1, "',' or '}'")]
    [TestCase("a: \"open\n", 1, "unterminated")]
    [TestCase("a: &anchor 1\n", 1, "unsupported")]
    [TestCase("a: |\n  text\n", 1, "unsupported")]
    [TestCase("a: 1\n- b\n", 2, "")]
    [TestCase("- a\nb: 1\n", 2, "")]
    [TestCase("a: \"bad \\q escape\"\n", 1, "escape")]
    public void MalformedInputNamesTheLine(string yaml, int line, string problem)
    {
        var error = Assert.Throws<YamlSyntaxException>(() => MiniYaml.Parse(yaml, "information.yaml"))!;

        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Message, Does.StartWith($"information.yaml, line {line}: ").And.Contain(problem));
        Assert.That(error, Is.InstanceOf<FormatException>());
    }

    [Test]
    public void InputLargerThanOneMebibyteIsRejected()
    {
        var justFits = "a: " + new string('x', MiniYaml.MaxInputLength - 3);
        Assert.That(MiniYaml.Parse(justFits), Is.InstanceOf<Dictionary<string, object?>>());

        Assert.That(() => MiniYaml.Parse(justFits + "x"), Throws.TypeOf<YamlSyntaxException>().With.Message.Contain("larger than"));
    }

    [Test]
    public void BlockNestingIsCappedAt64()
    {
        static string Nested(int levels) =>
            string.Concat(Enumerable.Range(0, levels).Select(i => new string(' ', i) + "k:\n")) + new string(' ', levels) + "leaf\n";

        Assert.That(MiniYaml.Parse(Nested(MiniYaml.MaxDepth - 1)), Is.Not.Null);
        var error = Assert.Throws<YamlSyntaxException>(() => MiniYaml.Parse(Nested(MiniYaml.MaxDepth + 1)))!;
        Assert.That(error.Message, Does.Contain("nesting"));
        Assert.That(error.Line, Is.EqualTo(MiniYaml.MaxDepth + 1));
    }

    [Test]
    public void FlowNestingIsCappedAt64EvenForHugeInput()
    {
        Assert.That(MiniYaml.Parse(new string('[', 63) + new string(']', 63)), Is.InstanceOf<List<object?>>());

        var error = Assert.Throws<YamlSyntaxException>(() => MiniYaml.Parse("a:\n  b: " + new string('[', 500_000) + new string(']', 500_000)))!;
        Assert.That(error.Message, Does.Contain("nesting"));
        Assert.That(error.Line, Is.EqualTo(2));
    }

    [Test]
    public void ManyLineFlowCollectionsAndFoldedScalarsAreReadInLinearTime()
    {
        var flow = "Runs: [\n" + string.Concat(Enumerable.Repeat("  {start: 1, length: 2},\n", 30_000)) + "  ]\n";
        var folded = "Imager: x\n" + string.Concat(Enumerable.Repeat("  word\n", 100_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.That(Sequence(Mapping(MiniYaml.Parse(flow))["Runs"]), Has.Count.EqualTo(30_000));
        Assert.That((string)Mapping(MiniYaml.Parse(folded))["Imager"]!, Has.Length.EqualTo(1 + 5 * 100_000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void DeepSequenceNestingIsCapped()
    {
        var yaml = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', 2 * i) + "-\n")) + new string(' ', 400) + "x\n";

        Assert.That(() => MiniYaml.Parse(yaml), Throws.TypeOf<YamlSyntaxException>().With.Message.Contain("nesting"));
    }
}
