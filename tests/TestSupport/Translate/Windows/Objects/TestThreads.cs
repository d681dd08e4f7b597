using System.Text;
using MemFs.Translate.Windows.Layouts;

namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>
/// Adds threads to a <see cref="TestWindowsSystem"/> process with the profile's offsets: an _ETHREAD (pool tag
/// "Thre") on the process's ThreadListHead, its kernel stack, a TEB in user memory whose _NT_TIB bounds a user stack,
/// and, when asked, a _KTRAP_FRAME at the top of the kernel stack holding the given registers.
/// </summary>
internal sealed class TestThreads(TestWindowsSystem system)
{
    private int Off(string field) => system.Profile.Require(field);

    public BuiltThread Add(TestWindowsSystem.BuiltProcess process, long tid, DateTime created, ulong startAddress, ulong win32StartAddress,
        byte state = 5, sbyte priority = 8, bool withTeb = true, IReadOnlyDictionary<string, ulong>? trapFrame = null, DateTime? exited = null)
    {
        var image = system.Image;
        var size = system.Profile.Size("_ETHREAD") ?? 0x900;
        var pool = image.AllocateKernel(size + 0x40, 16);
        image.WriteKernel(pool + 4, "Thre"u8);
        var ethread = pool + 0x40;
        var cid = (ulong)Off("_ETHREAD.Cid");
        image.WriteKernel64(ethread + cid + (ulong)Off("_CLIENT_ID.UniqueProcess"), (ulong)process.Pid);
        image.WriteKernel64(ethread + cid + (ulong)Off("_CLIENT_ID.UniqueThread"), (ulong)tid);
        image.WriteKernel64(ethread + (ulong)Off("_ETHREAD.CreateTime"), (ulong)created.ToFileTimeUtc());
        image.WriteKernel64(ethread + (ulong)Off("_ETHREAD.ExitTime"), exited is { } e ? (ulong)e.ToFileTimeUtc() : 0);
        image.WriteKernel64(ethread + (ulong)Off("_ETHREAD.StartAddress"), startAddress);
        image.WriteKernel64(ethread + (ulong)Off("_ETHREAD.Win32StartAddress"), win32StartAddress);
        image.WriteKernel(ethread + (ulong)Off("_KTHREAD.State"), [state]);
        image.WriteKernel(ethread + (ulong)Off("_KTHREAD.Priority"), [(byte)priority]);

        const int kernelStackSize = 0x6000;
        var stackLimit = image.AllocateKernel(kernelStackSize, 16);
        var stackBase = stackLimit + kernelStackSize;
        image.WriteKernel64(ethread + (ulong)Off("_KTHREAD.StackBase"), stackBase);
        image.WriteKernel64(ethread + (ulong)Off("_KTHREAD.StackLimit"), stackLimit);
        image.WriteKernel64(ethread + (ulong)Off("_KTHREAD.InitialStack"), stackBase - 0x30);
        image.WriteKernel64(ethread + (ulong)Off("_KTHREAD.KernelStack"), stackBase - 0x400);

        ulong frame = 0;
        var registers = new Dictionary<string, ulong>();
        if (trapFrame is not null)
        {
            // Every register the layout reads gets a value (the given one, else 0), so the truth is the whole frame.
            frame = stackBase - 0x30 - (ulong)(system.Profile.Size("_KTRAP_FRAME") ?? 0x190);
            foreach (var register in ThreadLayout.Registers)
            {
                registers[register] = trapFrame.GetValueOrDefault(register);
                image.WriteKernel64(frame + (ulong)Off($"_KTRAP_FRAME.{register}"), registers[register]);
            }
        }
        image.WriteKernel64(ethread + (ulong)Off("_KTHREAD.TrapFrame"), frame);

        ulong teb = 0, userBase = 0, userLimit = 0;
        if (withTeb)
        {
            teb = system.AllocateUser(0x1000);
            userLimit = system.AllocateUser(0x2000);
            userBase = userLimit + 0x2000;
            image.WriteKernelOrUser(teb + (ulong)Off("_NT_TIB.StackBase"), userBase);
            image.WriteKernelOrUser(teb + (ulong)Off("_NT_TIB.StackLimit"), userLimit);
            image.WriteBytes(teb + 0x800, Encoding.ASCII.GetBytes($"TEB of {tid}"));
        }
        image.WriteKernel64(ethread + (ulong)Off("_KTHREAD.Teb"), teb);

        // The head is made an empty list on the first thread only: a self-pointing ThreadListHead in every EPROCESS
        // would give the EPROCESS scan a self-pointer that tests of unplaceable processes must not have.
        var head = process.Eprocess + (ulong)Off("_EPROCESS.ThreadListHead");
        if (image.ReadVirtual64(head) == 0)
        {
            image.WriteKernel64(head, head);
            image.WriteKernel64(head + 8, head);
        }
        system.Append(head, ethread + (ulong)Off("_ETHREAD.ThreadListEntry"));
        var thread = new BuiltThread(ethread, tid, process.Pid, state, priority, created, exited, startAddress, win32StartAddress, teb,
            stackBase, stackLimit, userBase, userLimit, frame, registers);
        process.Threads.Add(thread);
        return thread;
    }
}
