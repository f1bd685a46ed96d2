using System.Diagnostics;

namespace Players.Tests.Infrastructure;

/// <summary>What one process left when it exited: exit code, stdout, stderr, wall time.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Errors, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{Output}\nstderr:\n{Errors}";

    /// <summary>
    /// Runs <paramref name="startInfo"/> to its exit, reading its stdout and stderr; past <paramref name="timeout"/> it
    /// kills the process tree and throws, naming <paramref name="what"/> and what it had printed.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(ProcessStartInfo startInfo, TimeSpan timeout, string what)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        var elapsed = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not exit within {timeout.TotalSeconds:0} s; it printed:\n{await output}\n{await errors}");
        }

        return new ProcessRun(process.ExitCode, await output, await errors, elapsed.Elapsed);
    }
}
