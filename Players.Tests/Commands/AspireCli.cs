using System.Diagnostics;
using Players.Tests.Distributed;

namespace Players.Tests.Commands;

/// <summary>The repository's Aspire CLI (<c>dotnet aspire</c>, a local tool), run from the repository root against the AppHost.</summary>
public static class AspireCli
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
    }

    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet",
            ["aspire", .. arguments, "--apphost", BuiltAppHost.ProjectDirectory, "--nologo", "--non-interactive"])
        {
            WorkingDirectory = BuiltAppHost.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["ASPIRE_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet aspire.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet aspire {string.Join(' ', arguments)} did not exit within {timeout}.");
        }

        return new Result(process.ExitCode, await output, await errors);
    }
}
