using System.Diagnostics;
using Players.Tests.Distributed;
using Players.Tests.Infrastructure;

namespace Players.Tests.Commands;

/// <summary>The repository's Aspire CLI (<c>dotnet aspire</c>, a local tool), run from the repository root against the AppHost.</summary>
public static class AspireCli
{
    public static Task<ProcessRun> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet",
            ["aspire", .. arguments, "--apphost", BuiltAppHost.ProjectDirectory, "--nologo", "--non-interactive"])
        {
            WorkingDirectory = BuiltAppHost.RepositoryRoot,
        };
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["ASPIRE_CLI_TELEMETRY_OPTOUT"] = "1";
        return ProcessRun.RunAsync(startInfo, timeout, $"dotnet aspire {string.Join(' ', arguments)}");
    }
}
