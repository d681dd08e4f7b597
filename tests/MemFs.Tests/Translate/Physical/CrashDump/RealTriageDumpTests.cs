using System.Globalization;
using System.Text.Json;
using MemFs.Tests.Support;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.CrashDump;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>triage_x64.dmp (Windows 10 x64 19041 triage dump) against expected.json and triage_x64.drivers.tsv.</summary>
public class RealTriageDumpTests
{
    private const string File = "crashdump/triage_x64.dmp";
    private PhysicalImage _image = null!;
    private JsonElement _expected;
    private JsonElement _header;

    [OneTimeSetUp]
    public void Open()
    {
        _expected = ExpectedJson.For("triage_x64.dmp");
        _header = _expected.GetProperty("DUMP_HEADER64");
        _image = CrashDumpImage.Open(new FileByteSource(SharedData.Require(File)));
    }

    [OneTimeTearDown]
    public void Close() => _image?.Dispose();

    [Test]
    public void SignatureIsRecognised()
    {
        var head = new byte[8];
        using (var f = System.IO.File.OpenRead(SharedData.Require(File))) f.ReadExactly(head);
        Assert.That(CrashDumpImage.IsCrashDump(head), Is.True);
    }

    [Test]
    public void HeaderFactsMatchExpectedJson()
    {
        var f = _image.Facts;
        Assert.Multiple(() =>
        {
            Assert.That(f.DirectoryTableBase, Is.EqualTo(ExpectedJson.Number(_header, "DirectoryTableBase")));
            Assert.That(f.PfnDataBase, Is.EqualTo(ExpectedJson.Number(_header, "PfnDataBase")));
            Assert.That(f.PsLoadedModuleList, Is.EqualTo(ExpectedJson.Number(_header, "PsLoadedModuleList")));
            Assert.That(f.PsActiveProcessHead, Is.EqualTo(ExpectedJson.Number(_header, "PsActiveProcessHead")));
            Assert.That(f.KdDebuggerDataBlock, Is.EqualTo(ExpectedJson.Number(_header, "KdDebuggerDataBlock")));
            Assert.That(f.MachineType, Is.EqualTo(ExpectedJson.Number(_header, "MachineImageType")));
            Assert.That(f.NumberProcessors, Is.EqualTo(ExpectedJson.Number(_header, "NumberProcessors")));
            Assert.That(f.BugCheckCode, Is.EqualTo(ExpectedJson.Number(_header, "BugCheckCode")));
            Assert.That(f.BugCheckParameters, Is.EqualTo(Enumerable.Range(1, 4).Select(i => ExpectedJson.Number(_header, $"BugCheckParameter{i}"))));
            Assert.That(f.MajorVersion, Is.EqualTo(ExpectedJson.Number(_header, "MajorVersion")));
            Assert.That(f.BuildNumber, Is.EqualTo(ExpectedJson.Parenthesized(_header, "MinorVersion")));
            Assert.That(f.BuildNumber, Is.EqualTo(19041));
            Assert.That(f.DumpTypeCode, Is.EqualTo(ExpectedJson.Number(_header, "DumpType")));
            Assert.That(f.DumpType, Is.EqualTo("triage (mini kernel)"));
            Assert.That(f.PaeEnabled, Is.Null);
        });
    }

    [Test]
    public void SystemTimeIsTheFileTimeInUtc()
    {
        var expected = DateTime.Parse(_header.GetProperty("SystemTime_utc").GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.That(_image.Facts.SystemTime, Is.EqualTo(expected).Within(TimeSpan.FromMicroseconds(1)), "expected.json gives microseconds");
        Assert.That(_image.Facts.SystemTime!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(_image.Facts.SystemTime!.Value.ToFileTimeUtc(), Is.EqualTo((long)ExpectedJson.Number(_header, "SystemTime_FILETIME")));
    }

    [Test]
    public void KernelBaseComesFromTheKdbgCopy()
    {
        var kdbg = _expected.GetProperty("KDDEBUGGER_DATA64_at_0x104a8");
        Assert.That(_image.Facts.KernelBase, Is.EqualTo(ExpectedJson.Number(kdbg, "KernBase")));
        Assert.That(_image.Facts.KernelBase, Is.EqualTo(0xFFFFF8047BA00000));
        Assert.That(Other("KDDEBUGGER_DATA64.PsLoadedModuleList"), Is.EqualTo($"0x{ExpectedJson.Number(kdbg, "PsLoadedModuleList"):X}"));
        Assert.That(_image.Warnings, Is.Empty);
    }

    [Test]
    public void TriageAndHeaderFieldsAreShown()
    {
        var triage = _expected.GetProperty("TRIAGE_DUMP64_at_0x2000");
        foreach (var field in triage.EnumerateObject())
        {
            var shown = Other($"TRIAGE_DUMP64.{field.Name}");
            Assert.That(ExpectedJson.Number(shown), Is.EqualTo(ExpectedJson.Number(field.Value)), field.Name);
        }
        Assert.That(Other("RequiredDumpSpace"), Is.EqualTo($"0x{ExpectedJson.Number(_header, "RequiredDumpSpace"):X}"));
        Assert.That(Other("SystemUpTime"), Is.EqualTo($"0x{ExpectedJson.Number(_header, "SystemUpTime"):X}"));
        Assert.That(Other("MiniDumpFields"), Is.EqualTo($"0x{ExpectedJson.Number(_header, "MiniDumpFields"):X}"));
        Assert.That(Other("SuiteMask"), Is.EqualTo($"0x{ExpectedJson.Number(_header, "SuiteMask"):X}"));
        Assert.That(Other("ProductType"), Is.EqualTo(ExpectedJson.Number(_header, "ProductType").ToString()));
        var exception = _header.GetProperty("ExceptionRecord_at_0xF00");
        Assert.That(Other("ExceptionCode"), Is.EqualTo($"0x{ExpectedJson.Number(exception, "ExceptionCode"):X}"));
        Assert.That(Other("ExceptionAddress"), Is.EqualTo($"0x{ExpectedJson.Number(exception, "ExceptionAddress"):X}"));
        Assert.That(_image.Facts.Other.Select(o => o.Key), Does.Not.Contain("Comment"), "the comment holds the 'PAGE' fill");
    }

    [Test]
    public void DriverListEqualsTheTsv()
    {
        var expected = System.IO.File.ReadAllLines(SharedData.Require("crashdump/triage_x64.drivers.tsv"))
            .Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(c => new DumpModule(c[1], ulong.Parse(c[2][2..], NumberStyles.HexNumber), uint.Parse(c[3][2..], NumberStyles.HexNumber),
                uint.Parse(c[4][2..], NumberStyles.HexNumber)))
            .ToArray();
        var drivers = _expected.GetProperty("drivers");
        Assert.That(expected, Has.Length.EqualTo(drivers.GetProperty("count").GetInt32()));
        Assert.That(_image.Facts.Modules, Is.EqualTo(expected));

        var amdppm = drivers.GetProperty("amdppm.sys");
        var module = _image.Facts.Modules[amdppm.GetProperty("index").GetInt32()];
        Assert.That(module.Path, Is.EqualTo(amdppm.GetProperty("path").GetString()));
        Assert.That(module.Base, Is.EqualTo(ExpectedJson.Number(amdppm, "base")));
        Assert.That(module.Size, Is.EqualTo(ExpectedJson.Number(amdppm, "size")));
        Assert.That(module.TimeDateStamp, Is.EqualTo(ExpectedJson.Number(amdppm, "TimeDateStamp")));
        Assert.That(_image.Facts.Modules[143], Is.EqualTo(new DumpModule(@"\SystemRoot\System32\drivers\amdppm.sys", 0xFFFFF8048B580000, 0x3B000, 0xC9C03000)));
    }

    [Test]
    public void HoldsNoPhysicalMemory()
    {
        Assert.That(_image.Memory.Runs, Is.Empty);
        Assert.That(_image.BackedBytes, Is.Zero);
        Assert.That(_image.Format, Is.EqualTo("Windows crash dump, 64-bit, triage (mini kernel)"));
        var e = Assert.Throws<PhysicalHoleException>(() => _image.Memory.Read(0x1AD000, new byte[16]))!;
        Assert.That(e.Address, Is.EqualTo(0x1AD000));
    }

    private string Other(string key)
    {
        var found = _image.Facts.Other.Where(o => o.Key == key).ToArray();
        Assert.That(found, Has.Length.EqualTo(1), key);
        return found[0].Value;
    }
}
