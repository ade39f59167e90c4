using System.Runtime.InteropServices;

namespace Optimize.Journal.Tables.Local;

/// <summary>Sends SIGINT on Unix: Azurite saves its data and exits on SIGINT, but loses up to 5 s of writes when killed.</summary>
internal static class NativeSignals
{
    private const int SigInt = 2;

    /// <summary>Sends SIGINT to <paramref name="processId"/>; false where signals are not available (Windows) or on failure.</summary>
    public static bool TryInterrupt(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return Kill(processId, SigInt) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int sig);
}
