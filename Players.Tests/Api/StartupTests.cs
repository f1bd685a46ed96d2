using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Players.Data;
using Players.Data.Migrating;
using Players.Tests.Infrastructure;
using Players.Tests.Integrity;
using Players.Tests.Worker;

namespace Players.Tests.Api;

/// <summary>The API as a process: how it starts, and how it refuses to.</summary>
[Trait("Tier", "Process")]
public sealed class StartupTests
{
    [Fact]
    public async Task A_malformed_database_url_stops_the_api_with_one_line_and_no_password()
    {
        var (exitCode, output, error) = await RunApiAsync("postgresql://scott:tiger-secret@db.example:5432/players?bogus=1");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Invalid DATABASE_URL", line, StringComparison.Ordinal);
        Assert.Contains("bogus", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tiger-secret", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_logs_which_database_it_uses_and_that_it_migrates()
    {
        var directory = Directory.CreateTempSubdirectory("players-api-start-");
        try
        {
            var file = Path.Combine(directory.FullName, "players.db");
            var (_, output, _) = await RunApiAsync($"sqlite:///{file}", untilOutputContains: "migrate on start-up");

            Assert.Contains($"Players API database: SQLite {file}; migrate on start-up: True", output, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_postgres_database_url_makes_the_api_create_the_missing_database_and_migrate_it()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await SharedPostgres.MissingDatabaseAsync("players_api_url"));
        var url = $"postgresql://{connectionString.Username}@{connectionString.Host}:{connectionString.Port}/{connectionString.Database}";
        try
        {
            await using var factory = new PlayersApiFactory(new Dictionary<string, string?> { [DatabaseSelection.DatabaseUrlKey] = url });
            using var client = factory.CreateClient();

            using var response = await client.GetAsync("/players/squadnumber/10");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var target = factory.Services.GetRequiredService<DatabaseTarget>();
            Assert.Equal((DatabaseEngine.PostgreSql, DatabaseSource.DatabaseUrl), (target.Engine, target.Source));
        }
        finally
        {
            await SharedPostgres.DropDatabaseAsync(connectionString.ConnectionString);
        }
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_database_that_ran_an_edited_migration_stops_the_api_with_exit_3_one_line_and_nothing_changed(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await EditedMigrations.ApplyAsync<EditedMigrations.EditedSeedStartingEleven>(database);

        var (exitCode, _, error) = await RunApiAsync(database.Url);

        Assert.Equal(3, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Start-up migration refused: Checksum drift in {Worker.Migrations.SeedStartingEleven} (", line, StringComparison.Ordinal);
        Assert.Contains("`repair`", line, StringComparison.Ordinal);
        Assert.Equal([Worker.Migrations.CreatePlayersTable, Worker.Migrations.SeedStartingEleven], await database.AppliedMigrationsAsync());
        Assert.Equal(11, await database.PlayerCountAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task A_diverged_database_stops_the_api_migrating_at_start_up_with_exit_2_one_line_and_nothing_changed(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await new PlayersMigrator(database.Target, NullLoggerFactory.Instance).UpgradeAsync(Worker.Migrations.SeedStartingEleven);
        await database.AddHistoryRowAsync(DatabaseState.UnknownMigration);

        var (exitCode, output, error) = await RunApiAsync(database.Url);

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"Start-up migration refused: The database has diverged from this build (unknown: {DatabaseState.UnknownMigration}; "
            + $"missing: {Worker.Migrations.SeedSubstitutes}); nothing was changed: migrate it with a build that has all of these migrations.",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.Equal([Worker.Migrations.CreatePlayersTable, Worker.Migrations.SeedStartingEleven, DatabaseState.UnknownMigration], await database.AppliedMigrationsAsync());
        Assert.Equal(11, await database.PlayerCountAsync());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunApiAsync(string databaseUrl, string? untilOutputContains = null)
    {
        var startInfo = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.Environment["DATABASE_URL"] = databaseUrl;
        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        // No environment: Production, where writes must be chosen explicitly.
        startInfo.Environment["Players__Api__Writes"] = "open";
        startInfo.Environment.Remove("ConnectionStrings__playersdb");

        using var process = Process.Start(startInfo)!;
        var output = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
                if (untilOutputContains is not null && line.Data?.Contains(untilOutputContains, StringComparison.Ordinal) == true)
                {
                    seen.TrySetResult();
                }
            }
        };
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        if (untilOutputContains is not null)
        {
            await Task.WhenAny(seen.Task, process.WaitForExitAsync(timeout.Token));
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(timeout.Token);
        var errorText = await error;
        lock (output)
        {
            return (process.ExitCode, output.ToString(), errorText);
        }
    }
}
