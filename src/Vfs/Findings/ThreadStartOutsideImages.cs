using MemFs.Vfs.Minidump;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Threads;

namespace MemFs.Vfs.Findings;

/// <summary>
/// User threads whose Win32StartAddress (_ETHREAD: the routine CreateThread was given; StartAddress is the common
/// ntdll!RtlUserThreadStart) lies in no loaded image: a thread started on code that was not loaded from a file.
/// </summary>
internal sealed class ThreadStartOutsideImages : IFindingProvider
{
    public const string Kind = "thread-start-unbacked";

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        var view = subject.View;
        var names = new StartAddressNames(view);
        foreach (var thread in KernelThreads.ReadableThreads(view))
        {
            if (thread.Win32StartAddress is not { } start || start == 0 || start >= (ulong)ProcessView.UserSpace || names.InImage(start)) continue;
            yield return new Finding(Kind, view.Process.Pid, view.Process.Name, start, start, null,
                $"thread {thread.Tid} starts at {names.Name(start)}, in no loaded image: its code was not loaded from a file",
                $"{subject.Directory}/threads.txt");
        }
    }
}
