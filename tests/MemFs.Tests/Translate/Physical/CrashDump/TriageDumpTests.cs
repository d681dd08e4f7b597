using MemFs.Translate.Physical;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>A test-built 64-bit triage dump with three drivers and a KDBG copy.</summary>
public class TriageDumpTests
{
    internal static readonly (string Path, ulong Base, uint Size, uint TimeDateStamp)[] Drivers =
    [
        (@"\SystemRoot\system32\ntoskrnl.exe", 0xFFFFF8047BA00000, 0x1046000, 0x0D8333E6),
        (@"\SystemRoot\system32\hal.dll", 0xFFFFF80479440000, 0x6000, 0x1A7BE8E9),
        (@"\SystemRoot\System32\drivers\amdppm.sys", 0xFFFFF8048B580000, 0x3B000, 0xC9C03000),
    ];

    internal static byte[] Build(ulong? kernBase = 0xFFFFF8047BA00000) => TestCrashDumpBuilder.Dump64(4).Triage(Drivers, kernBase);

    [Test]
    public void DriversKernelBaseAndNoMemory()
    {
        using var image = BuiltDumps.Open(Build());
        Assert.That(image.Facts.Modules, Is.EqualTo(Drivers.Select(d => new DumpModule(d.Path, d.Base, d.Size, d.TimeDateStamp))));
        Assert.That(image.Facts.KernelBase, Is.EqualTo(0xFFFFF8047BA00000));
        Assert.That(image.Facts.DumpType, Is.EqualTo("triage (mini kernel)"));
        Assert.That(image.Facts.Other, Does.Contain(KeyValuePair.Create("TRIAGE_DUMP64.DriverCount", "3")));
        Assert.That(image.Memory.Runs, Is.Empty);
        Assert.That(image.Warnings, Is.Empty);
        Assert.Throws<PhysicalHoleException>(() => image.Memory.Read(0, new byte[1]));
    }

    [Test]
    public void WithoutAKdbgCopyTheKernelBaseIsUnknown()
    {
        using var image = BuiltDumps.Open(Build(kernBase: null));
        Assert.That(image.Facts.KernelBase, Is.Null);
        Assert.That(image.Facts.Modules, Has.Count.EqualTo(3));
    }

    [Test]
    public void DebuggerDataWithoutTheKdbgTagIsWarned()
    {
        var bytes = Build();
        "XXXX"u8.CopyTo(bytes.AsSpan(0x2110));
        using var image = BuiltDumps.Open(bytes);
        Assert.That(image.Facts.KernelBase, Is.Null);
        Assert.That(image.Warnings, Has.Some.Contains("KDBG"));
    }

    [Test]
    public void NoDrivers()
    {
        using var image = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(4).Triage([], 0xFFFFF8047BA00000));
        Assert.That(image.Facts.Modules, Is.Empty);
        Assert.That(image.Facts.KernelBase, Is.EqualTo(0xFFFFF8047BA00000));
    }
}
