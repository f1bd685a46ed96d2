using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using Players.Tests.Infrastructure;

namespace Players.Tests.Distributed;

/// <summary>
/// The AppHost on a machine with only the .NET SDK: no container engine (the probe off) and no PostgreSQL server
/// binaries (an empty folder of them). The start with <c>Players:Database</c> unset is the shared SQLite app.
/// </summary>
[Collection(SqliteAppCollection.Name)]
[Trait("Tier", "Process")]
public sealed class NoPostgresTests(StartedSqliteApp started)
{
    [Fact]
    public async Task With_players_database_unset_the_app_runs_on_sqlite_after_one_warning_line()
    {
        var options = started.Options;
        var app = started.Host;

        var migrations = await app.WaitForMigrationsToFinishAsync();
        await app.WaitForHealthyApiAsync();

        if (migrations.Snapshot.ExitCode != 0)
        {
            Assert.Fail($"The worker exited {migrations.Snapshot.ExitCode}, not 0:\n{await app.ReadMigrationsLogAsync()}");
        }
        var warning = Assert.Single(app.AppHostLog, record => record.Level >= LogLevel.Warning && record.Category == "Players.AppHost");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"running on SQLite {options.SqliteFile}", warning.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning.Message);
        Assert.Empty(app.Resources.OfType<IResourceWithConnectionString>());
        Assert.Equal([PlayersAppHost.Api, PlayersAppHost.Migrations], app.Resources.OfType<ProjectResource>().Select(resource => resource.Name).Order());
        Assert.True(File.Exists(options.SqliteFile), $"No SQLite file at {options.SqliteFile}.");
    }

    [Fact]
    public async Task With_players_database_postgres_the_app_fails_before_starting_anything_saying_what_to_install()
    {
        using var data = new TemporaryDataDirectory();
        using var noBinaries = new TemporaryDataDirectory();
        Directory.CreateDirectory(noBinaries.Path);

        using var process = Process.Start(BuiltAppHost.StartInfo(
        [
            "--Players:Database=postgres", $"--Players:Postgres:BinariesDirectory={noBinaries.Path}",
            "--Players:Postgres:ContainerProbe=false", $"--Players:Postgres:DataDirectory={data.Path}",
        ]))!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("No container engine answered and no PostgreSQL server binaries were found under ", line);
        Assert.Contains("apt-get install postgresql", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data.Path), "Nothing may have been created for a database that cannot be had.");
    }

    [Fact]
    public async Task A_forced_container_source_with_no_engine_answering_fails_at_once_with_one_line()
    {
        // The built AppHost as its own process, with a PATH on which neither docker nor podman can be found. Without
        // the probe it would wait for the container for ever; exiting with the line is the behaviour under test.
        using var emptyPath = new TemporaryDataDirectory();
        Directory.CreateDirectory(emptyPath.Path);
        var startInfo = BuiltAppHost.StartInfo(["--Players:Postgres:Source=container"]);
        startInfo.Environment["PATH"] = emptyPath.Path;

        var run = await ProcessRun.RunAsync(startInfo, TimeSpan.FromSeconds(60), "The AppHost with no container engine");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "Players:Postgres:Source=container, but no container engine answered (docker info, podman info). "
            + "Start Docker or Podman, or leave Players:Postgres:Source unset to use the installed PostgreSQL server binaries.",
            run.Errors.Trim());
    }
}
