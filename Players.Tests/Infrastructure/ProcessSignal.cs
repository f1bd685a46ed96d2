using System.Diagnostics;
using System.Globalization;

namespace Players.Tests.Infrastructure;

/// <summary>Stops a process the way a platform (SIGTERM) or a terminal (SIGINT, Ctrl+C) does.</summary>
public static class ProcessSignal
{
    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>INT</c>) and returns the exit code, failing past <paramref name="bound"/>.</summary>
    public static async Task<int> StopAsync(this Process process, string signal, TimeSpan bound)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("Could not start kill."))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(bound);
        // The exit code is known once the process has exited; its last lines of output may still be on their way.
        process.WaitForExit();
        return process.ExitCode;
    }
}
