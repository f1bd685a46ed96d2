using System.Diagnostics;

namespace Players.Tests.Infrastructure;

/// <summary>
/// Runs database servers' programs (PostgreSQL, PgBouncer) as the <c>postgres</c> user when the tests run as root,
/// since both refuse to run as root; as anyone else, as that user.
/// </summary>
internal static class ServerUser
{
    public const string Name = "postgres";

    public static bool IsRoot => Environment.UserName == "root" && !OperatingSystem.IsWindows();

    /// <summary>Makes <paramref name="path"/> and everything under it the server user's (nothing to do unless root).</summary>
    public static async Task GiveAsync(string path)
    {
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", $"{Name}:", path]);
        }
    }

    /// <summary>Starts a long-running program as the server user, draining its output.</summary>
    public static Process Start(string program, IEnumerable<string> arguments)
    {
        var startInfo = IsRoot
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a program to its exit as the server user; a non-zero exit throws with what it printed.</summary>
    public static Task RunAsServerUserAsync(string program, IEnumerable<string> arguments) =>
        IsRoot
            ? RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. arguments])
            : RunAsync(program, arguments);

    /// <summary>Runs a program to its exit as this process's user; a non-zero exit throws with what it printed.</summary>
    public static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
