using System.Diagnostics;

namespace Players.Tests.Infrastructure;

/// <summary>What one process left when it exited: exit code, stdout, stderr, wall time.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Errors, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{Output}\nstderr:\n{Errors}";

    /// <summary>
    /// Runs <paramref name="startInfo"/> to its exit (<see cref="ServiceProcess"/>); past <paramref name="timeout"/> it
    /// kills the process tree and throws, naming <paramref name="what"/> and what it had printed.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(ProcessStartInfo startInfo, TimeSpan timeout, string what)
    {
        using var process = ServiceProcess.Start(startInfo);
        return await process.WaitForExitAsync(timeout, what);
    }
}
