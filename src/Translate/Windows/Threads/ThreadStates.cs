namespace MemFs.Translate.Windows.Threads;

/// <summary>The _KTHREAD.State values (enum _KTHREAD_STATE, the same on every x64 build from Windows 7 to 11).</summary>
public static class ThreadStates
{
    private static readonly string[] Names =
    [
        "Initialized", "Ready", "Running", "Standby", "Terminated", "Waiting", "Transition", "DeferredReady", "GateWaitObsolete",
        "WaitingForProcessInSwap",
    ];

    public static string Name(byte state) => state < Names.Length ? Names[state] : $"unknown ({state})";
}
