using MemFs.Tests.Mount.Cli;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>
/// explorer.exe's minidump on the synthetic Windows 10 image, against what the builders wrote: the running thread's
/// CONTEXT holds its user-mode trap frame's control registers, the waiting thread (no trap frame) has none, and
/// HandleDataStream lists every handle of the two-level table with its type and name.
/// </summary>
public class SyntheticMinidumpTests
{
    private SyntheticWindowsRaw _image = null!;
    private MinidumpReader _dump = null!;

    [OneTimeSetUp]
    public void Build()
    {
        _image = new SyntheticWindowsRaw();
        using var tree = new SessionTree(new EvidenceOptions(_image.Raw) { CacheBytes = 16L << 20 });
        _dump = MinidumpChecks.AssertMatches(tree.Bytes(_image.ExplorerDirectory + "/minidump.dmp"), tree.View(_image.Explorer.Pid));
    }

    [OneTimeTearDown]
    public void Remove() => _image.Dispose();

    [Test]
    public void TheRunningThreadsContextIsItsTrapFramesControlRegisters()
    {
        var built = _image.ExplorerThreads[1].Registers;
        var thread = _dump.ReadThreads().Single(t => t.Id == _image.ExplorerThreads[1].Tid);

        var context = _dump.ReadContext(thread);

        Assert.That(context, Is.EqualTo(new MinidumpReader.Context(0x0010_0001, (ushort)built["SegCs"], (ushort)built["SegSs"], (uint)built["EFlags"],
            0, 0, built["Rsp"], 0, built["Rip"])), "Rax and Rbp are in the frame but not claimed (no CONTEXT_INTEGER), so not written");
        Assert.That(built["Rax"], Is.Not.Zero);
    }

    [Test]
    public void TheThreadWithoutATrapFrameHasNoContext()
    {
        var thread = _dump.ReadThreads().Single(t => t.Id == _image.ExplorerThreads[0].Tid);

        Assert.That((thread.ContextSize, thread.ContextRva), Is.EqualTo((0u, 0u)));
    }

    [Test]
    public void HandleDataListsEveryBuiltHandle()
    {
        Assert.That(_dump.ReadHandles().Select(h => (h.Value, h.ObjectName, h.GrantedAccess, h.Attributes, h.HandleCount, h.PointerCount)),
            Is.EqualTo(_image.ExplorerHandles.Select(h => (h.Handle, h.Name, h.Access, 0u, 0u, 0u))));
        // The family profile has no RVAs: ObTypeIndexTable is unknown, and the type is named by its stored index, as handles.txt names it.
        Assert.That(_dump.ReadHandles().Select(h => h.TypeName),
            Is.EqualTo(_image.ExplorerHandles.Select(h => $"type {h.TypeIndex} (ObTypeIndexTable is unknown)")));
    }
}
