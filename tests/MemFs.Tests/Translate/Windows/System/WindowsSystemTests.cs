using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.System;

/// <summary>The OS layer end to end on synthetic kernels: discovery, profile resolution with validation, the process list.</summary>
public class WindowsSystemTests
{
    [TestCase(false, TestName = "Windows 10 19041 kernel")]
    [TestCase(true, TestName = "Windows 7 7601 kernel")]
    public void ProcessesAreListedWithoutAnySymbolFiles(bool windows7)
    {
        var kernel = new TestKernelImage(windows7 ? TestEprocessLayout.Windows7 : TestEprocessLayout.Windows10);
        using var space = kernel.Space();
        var system = WindowsSystem.Open(kernel.Open(), space, SymbolOptions.None);

        Assert.That(system.Identity!.Base, Is.EqualTo(kernel.KernelBase));
        var processes = system.Processes;
        Assert.That(processes.Select(p => (p.Pid, p.Name, p.Eprocess)), Is.EqualTo(kernel.Processes.Select(p => ((long)p.Pid, p.Name, p.Eprocess))));
        Assert.That(processes[0].Name, Is.EqualTo("System"));
        Assert.That(system.Resolution.Log, Has.Some.Contains("validated against the image and used"));
        Assert.That(system.Profile.Offsets["_EPROCESS.UniqueProcessId"].Source, Is.Not.Empty);
        TestContext.Out.WriteLine(string.Join("\n", system.Resolution.Log));
    }

    [Test]
    public void ACorruptedProcessListStillYieldsTheValidProcessesAndAWarning()
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10, new TestKernelOptions { Corruption = ListCorruption.Dangling });
        using var space = kernel.Space();
        var system = WindowsSystem.Open(kernel.Open(), space, SymbolOptions.None);
        var watch = global::System.Diagnostics.Stopwatch.StartNew();
        var processes = system.Processes;
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        // The list breaks after csrss.exe; walking back from the head recovers the processes after the break.
        Assert.That(processes.Select(p => p.Name), Is.SupersetOf(new[] { "System", "Registry", "smss.exe", "csrss.exe", "services.exe" }));
        Assert.That(system.Warnings, Has.Some.Contains("process list: list at").And.Some.Contains("cannot be read"));
        Assert.That(system.Warnings, Has.None.Contains("loops back"), "meeting the forward walk from behind is not a loop");
    }

    [Test]
    public void AProcessListLoopIsBoundedAndReported()
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10, new TestKernelOptions { Corruption = ListCorruption.Cycle });
        using var space = kernel.Space();
        var system = WindowsSystem.Open(kernel.Open(), space, SymbolOptions.None);
        var processes = system.Processes;
        Assert.That(processes.Select(p => p.Name).Distinct().Count(), Is.EqualTo(processes.Count), "each process once");
        Assert.That(processes.Select(p => p.Name), Is.SupersetOf(new[] { "System", "smss.exe", "services.exe" }));
        Assert.That(system.Warnings, Has.Some.Contains("loops back"));
    }

    /// <summary>
    /// No symbol files and no exact-GUID pack: the EPROCESS offsets come from the heuristics (validated on the image),
    /// the VAD and loader layouts from the compiled-in per-build table — and processes, VADs and modules still come back.
    /// </summary>
    [TestCase(7601u)]
    [TestCase(19041u)]
    [TestCase(22000u)]
    public void HeuristicsAloneListProcessesVadsAndModules(uint build)
    {
        // 22000 keeps 19041's EPROCESS offsets (the JPCERT ISFs of both builds agree); only the build differs.
        var layout = build == 7601 ? TestEprocessLayout.Windows7 : TestEprocessLayout.Windows10 with { Build = build };
        var kernel = new TestKernelImage(layout);
        var family = MemFs.Translate.Windows.Symbols.Pack.KernelPack.Embedded.TryGetFamily(build, out _)!;
        var objects = new Objects.TestWindowsSystem(family, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var explorer = objects.AddProcess(0x1F40, 0x58, "explorer.exe", TestKernelImage.BootTime.AddMinutes(1));
        explorer.Vads.Add(new VadDescriptor(0x10000, 0x1FFFF, true, true, 4, 0, 0, 0, null, Kind: "VadS"));
        objects.WriteVadTree(explorer);
        objects.AddProcessModule(explorer, 0x7FF6_0000_0000, 0x4F000, @"C:\Windows\explorer.exe");
        using var space = kernel.Space();

        var system = WindowsSystem.Open(kernel.Open(), space, new SymbolOptions([], UseEmbeddedPack: false));

        Assert.That(system.Resolution.ChosenSource, Is.EqualTo("heuristics"));
        Assert.That(system.Profile.Offsets["_EPROCESS.UniqueProcessId"].Source, Is.EqualTo("heuristics"));
        Assert.That(system.Profile.Offsets["_MMVAD_SHORT.StartingVpn"].Source, Does.Contain("family"));
        var listed = system.Processes.Single(p => p.Name == "explorer.exe");
        Assert.That((listed.Pid, listed.CommandLine), Is.EqualTo((explorer.Pid, explorer.CommandLine)));
        Assert.That(system.Vads(listed).Vads.Select(v => (v.Start, v.End)), Is.EqualTo(new[] { (0x10000UL, 0x1FFFFUL) }));
        Assert.That(system.Modules(listed).Modules.Select(m => m.FullName), Is.EqualTo(new[] { @"C:\Windows\explorer.exe" }));
    }
    /// <summary>Listing processes (what /processes and the mount's first ls need) reads no PEB; the parameters come on first use, once.</summary>
    [Test]
    public void PebParametersAreReadOnFirstUseNotWhenProcessesAreListed()
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var family = MemFs.Translate.Windows.Symbols.Pack.KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new Objects.TestWindowsSystem(family, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var explorer = objects.AddProcess(0x1F40, 0x58, "explorer.exe", TestKernelImage.BootTime.AddMinutes(1));
        using var space = kernel.Space();
        var system = WindowsSystem.Open(kernel.Open(), space, SymbolOptions.None);

        var listed = system.Processes.Single(p => p.Name == "explorer.exe");

        Assert.That(system.Processes.Select(p => p.ParametersRead), Is.All.False, "listing reads no PEB");
        Assert.That((listed.ImagePath, listed.CommandLine), Is.EqualTo(((string?)explorer.ImagePath, (string?)explorer.CommandLine)));
        Assert.That(listed.ParametersRead, Is.True);
        Assert.That(system.Processes.Single(p => p.Name == "explorer.exe").CommandLine, Is.EqualTo(explorer.CommandLine), "the list shares the parameters read");
        Assert.That(system.Processes.Single(p => p.Pid == 4).Parameters, Is.SameAs(ProcessParameters.None), "System has no PEB");
    }
}
