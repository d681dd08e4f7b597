using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>
/// Processes, VADs and modules laid out with the real offsets of Windows 7 SP1, 10 19041 and 11 22000, read back
/// through profiles from each symbol source in turn: exactly what was built comes back.
/// </summary>
public class ObjectWalkerTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        from kernel in KernelProfiles.Kernels
        from source in KernelProfiles.Sources
        select new TestCaseData(kernel.Build, kernel.IsfName, source).SetName($"{kernel.Build} via {source}");

    private static readonly DateTime Boot = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    [TestCaseSource(nameof(Cases))]
    public void ProcessesVadsAndModulesComeBackExactly(uint build, string isfName, string source)
    {
        var profile = KernelProfiles.From(source, build, isfName);
        Assert.That(profile.Offsets["_EPROCESS.UniqueProcessId"].Source, Does.Contain(source == "build family" ? "family" : source == "embedded pack" ? "exact" : source));

        var system = new TestWindowsSystem(profile, windows10PteLayout: build >= 17763);
        system.AddProcess(4, 0, "System", Boot);
        var smss = system.AddProcess(0x150, 4, "smss.exe", Boot.AddSeconds(3));
        var explorer = system.AddProcess(0x1234, 0x100, "explorer.exe", Boot.AddMinutes(2));
        system.AddProcess(0x999, 4, "hidden.exe", Boot.AddMinutes(3), linked: false);
        var prototypes = system.Image.PrototypeArray(16);
        explorer.Vads.AddRange(
        [
            new VadDescriptor(0x0000_0000_0001_0000, 0x0000_0000_0001_FFFF, true, true, 4, 0, 0, 0, null, Kind: "VadS"),
            new VadDescriptor(0x0000_0000_0030_0000, 0x0000_0000_003F_FFFF, true, false, 4, 0, 0, 0, null, Kind: "VadS"),
            new VadDescriptor(0x0000_7FF8_1234_0000, 0x0000_7FF8_1235_FFFF, false, false, 7, prototypes, prototypes + 15 * 8, 0, @"\Windows\System32\ntdll.dll", Kind: "Vad VadImageMap"),
            new VadDescriptor(0x0000_01A0_0000_0000, 0x0000_01A0_0000_3FFF, false, true, 1, prototypes, prototypes + 3 * 8, 0, @"\Users\analyst\notes.txt", Kind: "Vad"),
            new VadDescriptor(0x0000_0000_7FFE_0000, 0x0000_0000_7FFE_0FFF, true, true, 1, 0, 0, 0, null, Kind: "VadS"),
        ]);
        system.WriteVadTree(explorer);
        system.AddProcessModule(explorer, 0x0000_7FF6_0000_0000, 0x4F000, @"C:\Windows\explorer.exe");
        system.AddProcessModule(explorer, 0x0000_7FF8_1234_0000, 0x1F8000, @"C:\Windows\SYSTEM32\ntdll.dll");
        system.AddProcessModule(smss, 0x0000_7FF7_1000_0000, 0x25000, @"\SystemRoot\System32\smss.exe");
        system.AddKernelModule(0xFFFFF804_7BA00000, 0x1046000, @"\SystemRoot\system32\ntoskrnl.exe");
        system.AddKernelModule(0xFFFFF804_79440000, 0x6000, @"\SystemRoot\system32\hal.dll");

        var layouts = KernelLayouts.From(profile.Freeze(), build);
        var translator = system.Image.Translator();
        var kernel = new KernelStructReader(translator);

        var processes = ProcessListWalker.Walk(kernel, layouts.Eprocess, system.PsActiveProcessHead);
        Assert.That(processes.Problems, Is.Empty);
        Assert.That(processes.Processes.Select(p => (p.Eprocess, p.Pid, p.ParentPid, p.Name, p.CreateTime, p.Peb)),
            Is.EqualTo(system.Processes.Where(p => p.Name != "hidden.exe").Select(p => (p.Eprocess, p.Pid, (long?)p.Ppid, p.Name, (DateTime?)p.Created, (ulong?)p.Peb))));

        var vads = new VadTreeReader(kernel, layouts.Vad, layouts.Sections).Read(explorer.Eprocess);
        Assert.That(vads.Problems, Is.Empty);
        Assert.That(vads.Vads.Select(v => (v.Start, v.End, v.IsPrivate, v.MemCommit, v.Protection, v.FirstPrototypePte, v.LastContiguousPte, v.FileName, v.Address)),
            Is.EqualTo(explorer.Vads.Select(v => (v.Start, v.End, v.IsPrivate, v.MemCommit, v.Protection, v.FirstPrototypePte, v.LastContiguousPte, v.FileName, v.Address))));
        Assert.That(vads.Vads.Single(v => v.FileName?.EndsWith("ntdll.dll") == true).Kind, Does.Contain("VadImageMap"));

        var processMemory = new KernelStructReader(new ProcessMemoryReader(new VirtualMemory(translator, explorer.Eprocess == 0 ? 0 : system.Image.Dtb, new ProcessVads(vads.Vads))));
        var modules = LoaderListWalker.ProcessModules(processMemory, layouts.Peb.Value, layouts.ProcessModules, explorer.Peb);
        Assert.That(modules.Problems, Is.Empty);
        Assert.That(modules.Modules.Select(m => (m.Base, m.Size, m.FullName, m.BaseName)), Is.EqualTo(explorer.Modules));
        var kernelModules = LoaderListWalker.Walk(kernel, layouts.KernelModules, system.PsLoadedModuleList, kernelModules: true);
        Assert.That(kernelModules.Modules.Select(m => (m.Base, m.Size, m.FullName, m.BaseName)), Is.EqualTo(system.KernelModules));
    }
}
