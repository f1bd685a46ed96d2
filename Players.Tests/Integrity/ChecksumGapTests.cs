using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Contracts;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Integrity;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Integrity;

/// <summary>
/// A database that records checksums (its checksum table exists) but lacks the row of an applied migration is drift,
/// never a silent baseline; only a database with no checksum table at all, from before checksums, is baselined.
/// </summary>
[Trait("Tier", "Fast")]
public abstract class ChecksumGapTests(DatabaseEngine engine)
{
    private static readonly string CreatePlayersTable = Worker.Migrations.CreatePlayersTable;
    private static readonly string SeedStartingEleven = Worker.Migrations.SeedStartingEleven;

    [Fact]
    public async Task A_deleted_checksum_row_makes_verify_exit_3_naming_the_migration_and_status_call_it_drift()
    {
        await using var database = await MigratedAsync("head");
        await DeleteChecksumRowAsync(database, SeedStartingEleven);

        var verify = await InProcessWorker.RunAsync(database, "verify");
        var status = await InProcessWorker.RunAsync(database, "status", "--json");

        Assert.True(verify.ExitCode == WorkerExitCodes.Drift, verify.ToString());
        var missing = Assert.Single(Lines(verify.Output), line => line.StartsWith("Checksum missing", StringComparison.Ordinal));
        Assert.Equal(
            $"Checksum missing for {SeedStartingEleven}: the database records checksums but has none for this applied migration (its row was "
            + $"deleted, or a script stamped only what it applied); this build has {MigrationChecksum.Short(database.BuildChecksumsOf(SeedStartingEleven)[SeedStartingEleven])}. "
            + "Check that the database ran this build's code, then run `repair` to stamp it.",
            missing);
        Assert.Equal("1 of 3 applied migrations drifted.", Lines(verify.Output)[^1]);
        Assert.Equal(["match", "drift", "match"], ChecksumStates(status));
    }

    [Theory]
    [InlineData("upgrade")]
    [InlineData("upgrade", "+1")]
    [InlineData("downgrade", "-1")]
    [InlineData("downgrade", "base")]
    public async Task Upgrade_and_downgrade_refuse_a_missing_checksum_row_with_exit_3_re_stamping_and_changing_nothing(params string[] command)
    {
        await using var database = await MigratedAsync(SeedStartingEleven);
        await DeleteChecksumRowAsync(database, CreatePlayersTable);
        var checksums = await database.StoredChecksumsAsync();

        var run = await InProcessWorker.RunAsync(database, command);

        Assert.True(run.ExitCode == WorkerExitCodes.Drift, run.ToString());
        Assert.Equal(2, run.Errors.Count);
        Assert.StartsWith($"Checksum missing for {CreatePlayersTable}: ", run.Errors[0], StringComparison.Ordinal);
        Assert.Equal("Refused: nothing was changed.", run.Errors[1]);
        Assert.DoesNotContain(run.Log, record => record.Message.StartsWith("Baseline", StringComparison.Ordinal));
        Assert.Equal([CreatePlayersTable, SeedStartingEleven], await database.AppliedMigrationsAsync());
        Assert.Equal(11, await database.PlayerCountAsync());
        Assert.Equal(checksums, await database.StoredChecksumsAsync());
    }

    [Fact]
    public async Task An_emptied_checksum_table_is_drift_for_every_applied_migration_not_a_baseline()
    {
        await using var database = await MigratedAsync("head");
        await database.ExecuteAsync($"""DELETE FROM "{ChecksumTable.Name}" """);

        var run = await InProcessWorker.RunAsync(database, "upgrade");

        Assert.True(run.ExitCode == WorkerExitCodes.Drift, run.ToString());
        Assert.Equal(Worker.Migrations.All.Select(id => $"Checksum missing for {id}"), run.Errors.SkipLast(1).Select(Subject));
        Assert.Empty(await database.StoredChecksumsAsync());
    }

    [Fact]
    public async Task Repair_stamps_the_missing_row_logging_it_and_then_verify_and_upgrade_exit_0()
    {
        await using var database = await MigratedAsync("head");
        await DeleteChecksumRowAsync(database, SeedStartingEleven);
        var build = database.BuildChecksumsOf(SeedStartingEleven)[SeedStartingEleven];

        var repair = await InProcessWorker.RunAsync(database, "repair");
        var verify = await InProcessWorker.RunAsync(database, "verify");

        Assert.True(repair.ExitCode == WorkerExitCodes.Success, repair.ToString());
        Assert.Contains(repair.Log, record => record.Message == $"Re-stamped {SeedStartingEleven}: (missing) → {build}.");
        Assert.Equal("All 3 applied migrations match.\n", verify.Output);
        Assert.Equal(database.BuildChecksumsOf(Worker.Migrations.All), await database.StoredChecksumsAsync());
        Assert.Equal(WorkerExitCodes.Success, (await InProcessWorker.RunAsync(database, "upgrade")).ExitCode);
    }

    [Fact]
    public async Task A_database_with_no_checksum_table_is_still_baselined_by_the_next_upgrade()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await OlderDatabase.MigrateAsync(database, SeedStartingEleven);

        var verify = await InProcessWorker.RunAsync(database, "verify");
        var upgrade = await InProcessWorker.RunAsync(database, "upgrade");

        Assert.True(verify.ExitCode == WorkerExitCodes.Success, verify.ToString());
        Assert.True(upgrade.ExitCode == WorkerExitCodes.Success, upgrade.ToString());
        Assert.Contains(upgrade.Log, record => record.Message.StartsWith("Baseline: stamped 2 applied migration(s)", StringComparison.Ordinal));
        Assert.Equal(database.BuildChecksumsOf(Worker.Migrations.All), await database.StoredChecksumsAsync());
    }

    [Fact]
    public async Task A_script_applied_to_a_database_from_before_checksums_leaves_the_older_migrations_to_repair()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await OlderDatabase.MigrateAsync(database, SeedStartingEleven);
        await database.ExecuteAsync((await InProcessWorker.RunAsync(database, "script", SeedStartingEleven, "head")).Output);

        var verify = await InProcessWorker.RunAsync(database, "verify");
        var repair = await InProcessWorker.RunAsync(database, "repair");

        Assert.True(verify.ExitCode == WorkerExitCodes.Drift, verify.ToString());
        Assert.Equal(
            [$"Checksum missing for {CreatePlayersTable}", $"Checksum missing for {SeedStartingEleven}"],
            Lines(verify.Output).Where(line => line.StartsWith("Checksum missing", StringComparison.Ordinal)).Select(Subject));
        Assert.True(repair.ExitCode == WorkerExitCodes.Success, repair.ToString());
        Assert.Equal("All 3 applied migrations match.\n", (await InProcessWorker.RunAsync(database, "verify")).Output);
    }

    private async Task<TestDatabase> MigratedAsync(string target)
    {
        var database = await TestDatabase.CreateAsync(engine);
        await new PlayersMigrator(database.Target, NullLoggerFactory.Instance).UpgradeAsync(target);
        return database;
    }

    private static Task DeleteChecksumRowAsync(TestDatabase database, string migrationId) =>
        database.ExecuteAsync($"""DELETE FROM "{ChecksumTable.Name}" WHERE "MigrationId" = '{migrationId}'""");

    /// <summary>What a line is about: the text before its first colon.</summary>
    private static string Subject(string line) => line[..line.IndexOf(':', StringComparison.Ordinal)];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static List<string?> ChecksumStates(WorkerRun status)
    {
        using var json = JsonDocument.Parse(status.Output);
        return [.. json.RootElement.GetProperty("migrations").EnumerateArray().Select(migration => migration.GetProperty("checksum").GetString())];
    }
}

public sealed class SqliteChecksumGapTests() : ChecksumGapTests(DatabaseEngine.Sqlite);

public sealed class PostgresChecksumGapTests() : ChecksumGapTests(DatabaseEngine.PostgreSql);
