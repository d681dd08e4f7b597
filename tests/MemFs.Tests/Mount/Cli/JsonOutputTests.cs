using System.Text.Json;
using System.Text.RegularExpressions;
using MemFs.Tests.Demo;
using MemFs.Tests.Support;
using MemFs.Tests.Translate.Windows.Kernel;
using NUnit.Framework;
using static MemFs.Tests.Demo.DemoLayout;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs info</c>, <c>vtop</c> and <c>aff4 info</c> with <c>--json</c>: the JSON parses, states the same facts as the
/// text on the demo AFF4 image and a synthetic raw image, and writes every address and offset as a "0x…" hex string.
/// </summary>
public partial class JsonOutputTests
{
    private SyntheticWindowsRaw _synthetic = null!;
    private string _directory = "";
    private string _demo = "";

    [OneTimeSetUp]
    public void Build()
    {
        _synthetic = new SyntheticWindowsRaw();
        _directory = Directory.CreateTempSubdirectory("memfs-json-").FullName;
        _demo = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(_demo, DemoImageBuilder.Build(new DemoSystem()));
    }

    [OneTimeTearDown]
    public void Remove()
    {
        _synthetic.Dispose();
        Directory.Delete(_directory, true);
    }

    private static JsonElement Json(params string[] args)
    {
        var result = MemFsProcess.Run([.. args, "--json"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return JsonDocument.Parse(result.Text).RootElement.Clone();
    }

    private static string Text(params string[] args)
    {
        var result = MemFsProcess.Run(args);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return result.Text;
    }

    /// <summary>Fields that hold an address, offset or raw value, wherever they are in the document.</summary>
    private static readonly HashSet<string> AddressFields =
    [
        "start", "end", "addressSpaceEnd", "dtb", "kernelBase", "psActiveProcessHead", "psLoadedModuleList", "kdDebuggerDataBlock", "pfnDataBase",
        "virtual", "offset", "value", "raw", "frame", "pointer", "pagefileOffset", "virtualAddress", "invalidPteMask", "cr3", "base", "bugCheckCode",
    ];

    [GeneratedRegex("^0x[0-9A-F]+$")]
    private static partial Regex HexString();

    private static void AssertAddressesAreHex(JsonElement element)
    {
        var checkedFields = 0;
        void Visit(JsonElement e, string? name)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Visit(p.Value, p.Name);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray()) Visit(item, name);
                    break;
                case JsonValueKind.String or JsonValueKind.Number when name is not null && AddressFields.Contains(name):
                    Assert.That(e.ValueKind, Is.EqualTo(JsonValueKind.String), $"{name} is not a string");
                    Assert.That(e.GetString(), Does.Match(HexString()), name);
                    checkedFields++;
                    break;
            }
        }
        Visit(element, null);
        Assert.That(checkedFields, Is.GreaterThan(0));
    }

    [Test]
    public void InfoJsonStatesTheKernelTheRunsAndTheProcessesOfTheText()
    {
        var json = Json("info", _synthetic.Raw);
        var text = Text("info", _synthetic.Raw);
        AssertAddressesAreHex(json);
        var os = json.GetProperty("operatingSystem");
        Assert.That(os.GetProperty("kernelBase").GetString(), Is.EqualTo($"0x{_synthetic.Kernel.KernelBase:X}"));
        Assert.That(text, Does.Contain($"kernel base:           {os.GetProperty("kernelBase").GetString()} ({os.GetProperty("kernelBaseSource").GetString()})"));
        Assert.That(text, Does.Contain($"{os.GetProperty("processes").GetInt32()} on the active process list"));
        Assert.That(os.GetProperty("kernelPdb").GetString(), Does.Contain("5278AFF86C341677D7D7835C85B7B8441"));
        var runs = json.GetProperty("runs").EnumerateArray().ToList();
        Assert.That(runs.Sum(r => r.GetProperty("length").GetInt64()), Is.EqualTo(json.GetProperty("backedBytes").GetInt64()));
        foreach (var run in runs)
            Assert.That(text, Does.Contain($"0x{Convert.ToUInt64(run.GetProperty("start").GetString(), 16):X12} - 0x{Convert.ToUInt64(run.GetProperty("end").GetString(), 16):X12}"));
        Assert.That(text, Does.Contain($"Image {json.GetProperty("image").GetString()}").And.Contain(json.GetProperty("format").GetString()!));
    }

    [Test]
    public void InfoJsonOfTheDemoImageNamesItsSourcesAndHeaderFacts()
    {
        var json = Json("info", _demo);
        AssertAddressesAreHex(json);
        var sources = json.GetProperty("sources").EnumerateArray().ToList();
        Assert.That(sources.Select(s => s.GetProperty("kind").GetString()), Does.Contain("pagefile").And.Contain("file"));
        var text = Text("info", _demo);
        foreach (var s in sources) Assert.That(text, Does.Contain(s.GetProperty("name").GetString()!));
        Assert.That(text, Does.Contain($"DTB (CR3):             {json.GetProperty("facts").GetProperty("dtb").GetString()}"));
        Assert.That(json.GetProperty("operatingSystem").GetProperty("failure").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void VtopJsonHasEveryStepOfTheTextWithItsLocationAndValue()
    {
        string[] args = ["vtop", _synthetic.Raw, "--pid", _synthetic.Explorer.Pid.ToString(), "0x7FF812340000"];
        var json = Json(args);
        var text = Text(args);
        AssertAddressesAreHex(json);
        Assert.That(json.GetProperty("process").GetProperty("pid").GetInt64(), Is.EqualTo(_synthetic.Explorer.Pid));
        Assert.That(json.GetProperty("virtual").GetString(), Is.EqualTo("0x7FF812340000"));
        var steps = json.GetProperty("steps").EnumerateArray().ToList();
        Assert.That(steps.Select(s => s.GetProperty("kind").GetString()), Does.Contain("pml4e").And.Contain("vadLookup"));
        foreach (var step in steps)
        {
            Assert.That(text, Does.Contain(step.GetProperty("text").GetString()!));
            if (step.GetProperty("kind").GetString() is "pml4e" or "pdpte" or "pde" or "pte")
                Assert.That(text, Does.Contain($"@ {step.GetProperty("location").GetProperty("text").GetString()} = 0x{Convert.ToUInt64(step.GetProperty("value").GetString(), 16):X16}"));
            if (step.GetProperty("decoded") is { ValueKind: JsonValueKind.Object } decoded)
                Assert.That(text, Does.Contain(decoded.GetProperty("fields").GetString()!));
        }
        Assert.That(steps.Single(s => s.GetProperty("kind").GetString() == "vadLookup").GetProperty("text").GetString(), Does.Contain("VAD 0x7FF812340000-0x7FF81237FFFF"));
        Assert.That(text.TrimEnd().Split('\n')[^1], Is.EqualTo(json.GetProperty("result").GetProperty("summary").GetString()));
    }

    [Test]
    public void VtopJsonOfADemoPagefilePageNamesThePagefileAndOffset()
    {
        string[] args = ["vtop", _demo, "--pid", NotepadPid.ToString(), $"0x{NotepadDocument + 3 * Page:X}"];
        var json = Json(args);
        AssertAddressesAreHex(json);
        var result = json.GetProperty("result");
        Assert.That((result.GetProperty("state").GetString(), result.GetProperty("readable").GetBoolean()), Is.EqualTo(("pagefile", true)));
        var location = result.GetProperty("location");
        Assert.That((location.GetProperty("kind").GetString(), location.GetProperty("pagefile").GetInt32()), Is.EqualTo(("pagefile", 0)));
        var pte = json.GetProperty("steps").EnumerateArray().Last(s => s.GetProperty("kind").GetString() == "pte").GetProperty("decoded");
        Assert.That(pte.GetProperty("kind").GetString(), Is.EqualTo("pagefile"));
        Assert.That(Convert.ToInt64(pte.GetProperty("pagefileOffset").GetString(), 16), Is.EqualTo(Convert.ToInt64(location.GetProperty("offset").GetString(), 16) & ~0xFFFL));
        Assert.That(Text(args).TrimEnd().Split('\n')[^1], Is.EqualTo(result.GetProperty("summary").GetString()));
    }

    [Test]
    public void Aff4InfoJsonListsTheVolumeObjectsAndPhysicalRunsOfTheText()
    {
        var json = Json("aff4", "info", _demo);
        var text = Text("aff4", "info", _demo);
        AssertAddressesAreHex(json);
        var volume = json.GetProperty("volumes").EnumerateArray().Single();
        Assert.That(text, Does.Contain($"Volume {volume.GetProperty("path").GetString()}").And.Contain(volume.GetProperty("urn").GetString()!));
        foreach (var o in json.GetProperty("objects").EnumerateArray()) Assert.That(text, Does.Contain($"Object {o.GetProperty("urn").GetString()}"));
        var memory = json.GetProperty("memory");
        Assert.That(text, Does.Contain(memory.GetProperty("urn").GetString()!));
        var runs = memory.GetProperty("runs").EnumerateArray().ToList();
        Assert.That(runs, Is.Not.Empty);
        foreach (var run in runs)
            Assert.That(text, Does.Contain($"0x{Convert.ToUInt64(run.GetProperty("start").GetString(), 16):X12} - 0x{Convert.ToUInt64(run.GetProperty("end").GetString(), 16):X12}  {run.GetProperty("length").GetInt64(),16:N0} bytes"));
        Assert.That(memory.GetProperty("pagefiles").EnumerateArray().Select(p => p.GetProperty("number").GetInt32()), Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void ExistingJsonOutputsWriteAddressesAsHex()
    {
        AssertAddressesAreHex(Json("ps", _synthetic.Raw));
        AssertAddressesAreHex(Json("vads", _synthetic.Raw, "--pid", _synthetic.Explorer.Pid.ToString()));
        AssertAddressesAreHex(Json("modules", _synthetic.Raw, "--pid", _synthetic.Explorer.Pid.ToString()));
    }
}
