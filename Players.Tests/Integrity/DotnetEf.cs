using System.Diagnostics;
using Players.Tests.Infrastructure;

namespace Players.Tests.Integrity;

/// <summary>
/// <c>dotnet ef database update</c> as a developer runs it (the repository's local tool, <c>dotnet tool restore</c>
/// first), on the build the tests run from (<c>--no-build</c>), bounded in time.
/// </summary>
public static class DotnetEf
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task DatabaseUpdateAsync(TestDatabase database, string? targetMigration = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        string[] arguments = [
            "tool", "run", "dotnet-ef", "database", "update", .. targetMigration is null ? Array.Empty<string>() : [targetMigration],
            "--no-build", "--configuration", configuration, "--project", RepositoryFiles.PathOf("Players.Data"),
        ];
        var startInfo = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = RepositoryFiles.Root,
        };
        startInfo.Environment["DATABASE_URL"] = database.Url;
        startInfo.Environment.Remove("ConnectionStrings__playersdb");

        var run = await ProcessRun.RunAsync(startInfo, Timeout, "dotnet ef database update");
        Assert.True(run.ExitCode == 0, $"dotnet ef database update: {run}");
    }
}
