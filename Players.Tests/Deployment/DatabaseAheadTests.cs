using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Contracts;
using Players.Data;
using Players.Data.Migrating;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Integrity;
using Players.Tests.Worker;

namespace Players.Tests.Deployment;

/// <summary>
/// A database a newer build migrated (a rolling deployment, a rollback to this build): its history holds migrations
/// this build does not know, all after its own last one. This build's worker lists them and refuses to move the schema;
/// every mode of its API serves it, Degraded, migrating nothing. A database holding migrations of another line of
/// builds (diverged) is refused by every migrating path.
/// </summary>
[Trait("Tier", "Fast")]
public abstract class DatabaseAheadTests(DatabaseEngine engine)
{
    private const string NewerMigration = "20991231000000_AddedByANewerBuild";

    /// <summary>Sorts between SeedStartingEleven and SeedSubstitutes: written beside this build's migrations, not after them.</summary>
    private const string OtherLineMigration = "20261126041610_AddedOnAnotherLine";

    [Fact]
    public async Task Status_lists_the_unknown_migration_in_text_and_in_json()
    {
        await using var database = await DatabaseWithAsync("head", NewerMigration);

        var text = await InProcessWorker.RunAsync(database, "status");
        var json = await InProcessWorker.RunAsync(database, "status", "--json");

        Assert.True(text.ExitCode == WorkerExitCodes.Success, text.ToString());
        Assert.Contains($"unknown {NewerMigration} (applied, not in this build)", text.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == WorkerExitCodes.Success, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal([NewerMigration], document.RootElement.GetProperty("unknown").EnumerateArray().Select(id => id.GetString()));
        Assert.Empty(document.RootElement.GetProperty("pending").EnumerateArray());
    }

    [Theory]
    [InlineData("upgrade")]
    [InlineData("upgrade", "head")]
    [InlineData("downgrade", "-1")]
    [InlineData("downgrade", "base")]
    [InlineData("check")]
    public async Task The_worker_refuses_to_move_it_with_exit_2_naming_the_unknown_migration_and_changes_nothing(params string[] command)
    {
        await using var database = await DatabaseWithAsync("head", NewerMigration);
        var before = await database.AppliedMigrationsAsync();

        var run = await InProcessWorker.RunAsync(database, command);

        Assert.True(run.ExitCode == WorkerExitCodes.UsageError, run.ToString());
        Assert.Equal($"The database is ahead of this build (unknown: {NewerMigration}); use the newer worker.", Assert.Single(run.Errors));
        Assert.Equal(before, await database.AppliedMigrationsAsync());
        Assert.Equal(25, await database.PlayerCountAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_api_mode_serves_it_with_its_schema_check_degraded_naming_the_unknown_migration_and_migrates_nothing(bool migrateOnStartup)
    {
        await using var database = await DatabaseWithAsync("head", NewerMigration);
        var history = await database.AppliedMigrationsAsync();
        var checksums = await database.StoredChecksumsAsync();
        var settings = InProcessApi.DatabaseSettings(database);
        settings["Players:MigrateOnStartup"] = migrateOnStartup ? "true" : "false";
        await using var factory = new PlayersApiFactory(settings);
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health");
        var body = await health.ReadJsonAsync();
        using var players = await client.GetAsync("/players/");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Contains($"schema current: the database is ahead of this build (unknown migration(s): {NewerMigration})",
            body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(25, (await players.ReadJsonAsync()).GetArrayLength());
        Assert.Equal(history, await database.AppliedMigrationsAsync());
        Assert.Equal(checksums, await database.StoredChecksumsAsync());
    }

    [Theory]
    [InlineData("upgrade")]
    [InlineData("downgrade", "base")]
    [InlineData("check")]
    public async Task A_database_ahead_that_lacks_one_of_this_builds_migrations_is_diverged_and_the_worker_refuses_it_with_exit_2(params string[] command)
    {
        await using var database = await DatabaseWithAsync(Worker.Migrations.SeedStartingEleven, NewerMigration);

        var run = await InProcessWorker.RunAsync(database, command);

        Assert.True(run.ExitCode == WorkerExitCodes.UsageError, run.ToString());
        Assert.Equal(
            $"The database has diverged from this build (unknown: {NewerMigration}; missing: {Worker.Migrations.SeedSubstitutes}); "
            + "nothing was changed: migrate it with a build that has all of these migrations.",
            Assert.Single(run.Errors));
        Assert.Equal([Worker.Migrations.CreatePlayersTable, Worker.Migrations.SeedStartingEleven, NewerMigration], await database.AppliedMigrationsAsync());
        Assert.Equal(11, await database.PlayerCountAsync());
    }

    [Fact]
    public async Task An_unknown_migration_sorting_before_this_builds_last_is_diverged_even_with_every_migration_of_this_build_applied()
    {
        await using var database = await DatabaseWithAsync("head", OtherLineMigration);

        var run = await InProcessWorker.RunAsync(database, "upgrade");

        Assert.True(run.ExitCode == WorkerExitCodes.UsageError, run.ToString());
        Assert.Equal(
            $"The database has diverged from this build (unknown: {OtherLineMigration}; missing: none, but {OtherLineMigration} sorts "
            + $"before this build's last migration, {Worker.Migrations.SeedSubstitutes}); nothing was changed: migrate it with a build that has all of these migrations.",
            Assert.Single(run.Errors));
    }

    [Fact]
    public async Task An_api_that_does_not_migrate_reports_a_diverged_database_unhealthy()
    {
        await using var database = await DatabaseWithAsync(Worker.Migrations.SeedStartingEleven, NewerMigration);
        var settings = InProcessApi.DatabaseSettings(database);
        settings["Players:MigrateOnStartup"] = "false";
        await using var factory = new PlayersApiFactory(settings);
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health");

        var problem = await health.ReadProblemAsync(503);
        Assert.Contains($"schema current: the database has diverged from this build (unknown: {NewerMigration}; missing: {Worker.Migrations.SeedSubstitutes})",
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A database migrated by this build to <paramref name="target"/> whose history also holds <paramref name="unknownMigration"/>.</summary>
    private async Task<TestDatabase> DatabaseWithAsync(string target, string unknownMigration)
    {
        var database = await TestDatabase.CreateAsync(engine);
        await new PlayersMigrator(database.Target, NullLoggerFactory.Instance).UpgradeAsync(target);
        await database.AddHistoryRowAsync(unknownMigration);
        return database;
    }
}

public sealed class SqliteDatabaseAheadTests() : DatabaseAheadTests(DatabaseEngine.Sqlite);

public sealed class PostgresDatabaseAheadTests() : DatabaseAheadTests(DatabaseEngine.PostgreSql);
