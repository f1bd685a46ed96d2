using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Deployment;

/// <summary>
/// A database a newer build migrated (a rolling deployment, another branch): its history holds a migration this build
/// does not know. This build lists it, refuses to move the schema, and its API says it runs behind the schema.
/// </summary>
[Trait("Tier", "Process")]
public abstract class DatabaseAheadTests(DatabaseEngine engine)
{
    private const string NewerMigration = "20991231000000_AddedByANewerBuild";

    [Fact]
    public async Task Status_lists_the_unknown_migration_in_text_and_in_json()
    {
        await using var database = await AheadDatabaseAsync();

        var text = await WorkerProcess.RunAsync(database.Url, "status");
        var json = await WorkerProcess.RunAsync(database.Url, "status", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"unknown {NewerMigration} (applied, not in this build)", text.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal([NewerMigration], document.RootElement.GetProperty("unknown").EnumerateArray().Select(id => id.GetString()));
        Assert.Empty(document.RootElement.GetProperty("pending").EnumerateArray());
    }

    [Theory]
    [InlineData("upgrade")]
    [InlineData("upgrade", "head")]
    [InlineData("downgrade", "-1")]
    [InlineData("downgrade", "base")]
    public async Task Upgrade_and_downgrade_refuse_with_exit_2_naming_the_unknown_migration_and_change_nothing(params string[] command)
    {
        await using var database = await AheadDatabaseAsync();
        var before = await database.AppliedMigrationsAsync();

        var run = await WorkerProcess.RunAsync(database.Url, command);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"The database is ahead of this build (unknown: {NewerMigration}); use the newer worker.", run.Errors, StringComparison.Ordinal);
        Assert.Equal(before, await database.AppliedMigrationsAsync());
        Assert.Equal(25, await database.PlayerCountAsync());
    }

    [Fact]
    public async Task The_api_serves_with_its_schema_check_degraded_naming_the_unknown_migration()
    {
        await using var database = await AheadDatabaseAsync();
        var settings = ApiApp.DatabaseSettings(database);
        settings["Players:MigrateOnStartup"] = "false";
        await using var factory = new PlayersApiFactory(settings);
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health");
        var body = await health.ReadJsonAsync();
        using var players = await client.GetAsync("/players/");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Contains($"schema current: the database is ahead of this build (unknown migration(s): {NewerMigration})",
            body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, players.StatusCode);
    }

    [Fact]
    public async Task The_api_migrating_on_start_up_refuses_to_start_with_one_line_and_exit_2()
    {
        await using var database = await AheadDatabaseAsync();
        var startInfo = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.Environment.Remove("ConnectionStrings__playersdb");
        startInfo.Environment["DATABASE_URL"] = database.Url;
        startInfo.Environment["Players__MigrateOnStartup"] = "true";
        startInfo.Environment["Players__Api__Writes"] = "open";
        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";

        var run = await ProcessRun.RunAsync(startInfo, TimeSpan.FromSeconds(60), "The API");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"Start-up migration refused: The database is ahead of this build (unknown: {NewerMigration}); use the newer worker.",
            Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("   at ", run.Output + run.Errors, StringComparison.Ordinal);
    }

    /// <summary>A head database whose history also holds a migration of a newer build.</summary>
    private async Task<TestDatabase> AheadDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(engine);
        var run = await WorkerProcess.RunAsync(database.Url);
        Assert.True(run.ExitCode == 0, run.ToString());
        await database.ExecuteAsync($"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('{NewerMigration}', '10.0.15')""");
        return database;
    }
}

public sealed class SqliteDatabaseAheadTests() : DatabaseAheadTests(DatabaseEngine.Sqlite);

public sealed class PostgresDatabaseAheadTests() : DatabaseAheadTests(DatabaseEngine.PostgreSql);
