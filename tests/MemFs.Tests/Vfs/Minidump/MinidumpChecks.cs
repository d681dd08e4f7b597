using MemFs.Translate.Paging;
using MemFs.Vfs.Modules.UnloadedModules;
using MemFs.Vfs.Producers;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>What every minidump of a process must hold, checked against the process as the tree shows it.</summary>
internal static class MinidumpChecks
{
    public static MinidumpReader AssertMatches(byte[] dump, ProcessView view)
    {
        var reader = new MinidumpReader(dump);
        Assert.That(reader.Streams.Keys, Is.EquivalentTo(new uint[] { 3, 4, 7, 9, 12, 14, 15, 16 }));
        var system = reader.ReadSystemInfo();
        Assert.That((system.Architecture, system.Platform, system.CsdVersion), Is.EqualTo(((ushort)9, 2u, "")));
        Assert.That(reader.ReadMiscInfo().Pid, Is.EqualTo((uint)view.Process.Pid));
        var threads = view.System.Threads(view.Process).Threads;
        Assert.That(reader.ReadThreads().Select(t => (t.Id, t.Teb)), Is.EqualTo(threads.Select(t => ((uint)t.Tid, t.Teb ?? 0))),
            "the kernel's threads, in ThreadListHead order");
        foreach (var (thread, kernel) in reader.ReadThreads().Zip(threads))
        {
            if (kernel is { UserStackLimit: { } limit, UserStackBase: { } stackBase } && stackBase > limit)
                Assert.That(thread.StackStart, Is.EqualTo(limit), $"thread {thread.Id}'s stack starts at the TEB's StackLimit");
            var registers = kernel.Registers.ToDictionary(r => r.Name, r => r.Value);
            var userFrame = new[] { "Rip", "Rsp", "EFlags", "SegCs", "SegSs" }.All(registers.ContainsKey) && (registers["SegCs"] & 3) == 3;
            Assert.That(thread.ContextSize, Is.EqualTo(userFrame ? 0x4D0u : 0u), $"thread {thread.Id}: a context exactly when its trap frame is a user-mode one");
            if (userFrame)
                Assert.That(reader.ReadContext(thread) is var c ? (c.Flags, c.Rip, c.Rsp) : default, Is.EqualTo((0x100001u, registers["Rip"], registers["Rsp"])));
        }
        var handles = view.System.Handles(view.Process).Handles;
        Assert.That(reader.ReadHandles().Select(h => (h.Value, h.TypeName, h.ObjectName, h.GrantedAccess)),
            Is.EqualTo(handles.Select(h => (h.Handle, h.TypeName, h.Name, h.GrantedAccess))), "HandleData lists the handle table");
        Assert.That(reader.ReadModules().Select(m => m.Base), Is.EqualTo(view.Images.Select(i => i.Base)));
        Assert.That(reader.ReadUnloadedModules().Select(m => (m.Base, m.Name)),
            Is.EqualTo(UnloadEventTrace.Read(view).Modules.Select(m => (m.Base, m.Name))), "ntdll's unload event trace, oldest first");

        var ranges = reader.ReadMemory64();
        var memory = view.Memory;
        foreach (var (va, size, offset) in ranges)
        {
            var expected = new byte[size];
            view.Read((long)va, expected);
            Assert.That(reader.Bytes(offset, (int)size).ToArray(), Is.EqualTo(expected), $"bytes of 0x{va:X}+0x{size:X}");
            VadPages.Scan(memory, va, va + size, (page, r) =>
            {
                Assert.That(r.Readable, $"0x{page:X} in Memory64List holds bytes");
                return true;
            });
        }
        Assert.That(ranges.Sum(r => (long)r.Size), Is.EqualTo(view.Coverage.ReadablePages * 4096), "every page that holds bytes, and no hole");
        var regions = reader.ReadMemoryInfo();
        Assert.That(regions.Sum(r => (long)r.Size), Is.EqualTo(view.DataVads.Sum(v => (long)(v.End - v.Start + 1))), "MemoryInfoList covers every VAD");
        return reader;
    }
}
