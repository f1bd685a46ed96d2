using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Contracts;
using Players.Data;
using Players.Data.Changes;
using Players.Data.Migrating;
using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Recording;
using Players.Data.Migrating.Telemetry;
using Players.Tests.Api;
using Players.Tests.Changes;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Integrity;

/// <summary>
/// Checksums of applied migrations through the worker's command handling run in process (<see cref="InProcessWorker"/>:
/// its exit code, stdout and log), on one engine. <see cref="DotnetEfIntegrityTests"/> runs the real <c>dotnet ef</c>.
/// </summary>
[Trait("Tier", "Fast")]
public abstract class IntegrityTests(DatabaseEngine engine)
{
    private static readonly string CreatePlayersTable = Worker.Migrations.CreatePlayersTable;
    private static readonly string SeedStartingEleven = Worker.Migrations.SeedStartingEleven;

    [Fact]
    public async Task Upgrade_stamps_each_migration_it_applies_and_downgrade_removes_the_checksum_of_each_it_reverts()
    {
        await using var database = await TestDatabase.CreateAsync(engine);

        await AssertExitsAsync(0, database);
        Assert.Equal(database.BuildChecksumsOf(Worker.Migrations.All), await database.StoredChecksumsAsync());

        await AssertExitsAsync(0, database, "downgrade", "-2");
        Assert.Equal(database.BuildChecksumsOf(CreatePlayersTable), await database.StoredChecksumsAsync());
    }

    [Theory]
    [InlineData("upgrade")]
    [InlineData("downgrade", "-1")]
    public async Task An_older_database_reads_as_unstamped_without_a_write_and_the_next_run_stamps_it_as_a_baseline(params string[] command)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await OlderDatabase.MigrateAsync(database, SeedStartingEleven);

        var status = await AssertExitsAsync(0, database, "status", "--json");
        var verify = await AssertExitsAsync(0, database, "verify");

        Assert.Equal(["unstamped", "unstamped", null], ChecksumStates(status));
        Assert.Contains($"2 applied migration(s) have no checksum yet ({CreatePlayersTable}, {SeedStartingEleven})", verify.Output, StringComparison.Ordinal);
        Assert.EndsWith("0 of 2 applied migrations match; 2 unstamped.\n", verify.Output, StringComparison.Ordinal);
        Assert.False(await database.TableExistsAsync(ChecksumTable.Name));

        var run = await AssertExitsAsync(0, database, command);

        var baseline = Assert.Single(run.Errors.Split('\n'), line => line.Contains("Baseline", StringComparison.Ordinal));
        Assert.Contains($"stamped 2 applied migration(s) that had no checksum, trusting this build's code: {CreatePlayersTable}, {SeedStartingEleven}.", baseline, StringComparison.Ordinal);
        var applied = await database.AppliedMigrationsAsync();
        Assert.Equal(database.BuildChecksumsOf([.. applied]), await database.StoredChecksumsAsync());
        Assert.All(ChecksumStates(await AssertExitsAsync(0, database, "status", "--json")).Take(applied.Count), state => Assert.Equal("match", state));
    }

    [Fact]
    public async Task Verify_of_a_database_that_ran_an_edited_migration_exits_3_naming_only_it_with_both_checksums()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await EditedMigrations.ApplyAsync<EditedMigrations.EditedSeedStartingEleven>(database);
        var ran = (await database.StoredChecksumsAsync())[SeedStartingEleven];

        var verify = await AssertExitsAsync(3, database, "verify");
        var status = await AssertExitsAsync(0, database, "status");
        var json = await AssertExitsAsync(0, database, "status", "--json");

        var drift = Assert.Single(Lines(verify.Output), line => line.StartsWith("Checksum drift", StringComparison.Ordinal));
        Assert.Equal(
            $"Checksum drift in {SeedStartingEleven}: the database ran {MigrationChecksum.Short(ran)}, this build has "
            + $"{MigrationChecksum.Short(database.BuildChecksumsOf(SeedStartingEleven)[SeedStartingEleven])}. "
            + "Revert the edit to this migration, or review it and run `repair` to accept it.",
            drift);
        Assert.Equal("1 of 2 applied migrations drifted.", Lines(verify.Output)[^1]);
        Assert.Contains($"applied {CreatePlayersTable} (checksum match)", Lines(status.Output));
        Assert.Contains($"applied {SeedStartingEleven} (checksum drift) (current)", Lines(status.Output));
        Assert.Equal(["match", "drift", null], ChecksumStates(json));
    }

    [Theory]
    [InlineData("upgrade")]
    [InlineData("upgrade", "+1")]
    [InlineData("downgrade", "-1")]
    [InlineData("downgrade", "base")]
    public async Task Upgrade_and_downgrade_refuse_a_drifted_database_with_exit_3_and_change_nothing(params string[] command)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await EditedMigrations.ApplyAsync<EditedMigrations.EditedSeedStartingEleven>(database);
        var checksums = await database.StoredChecksumsAsync();

        var run = await AssertExitsAsync(3, database, command);

        var failures = Lines(run.Errors).Where(line => line.StartsWith("Error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains($"Checksum drift in {SeedStartingEleven}: ", failures[0], StringComparison.Ordinal);
        Assert.EndsWith("Refused: nothing was changed.", failures[1], StringComparison.Ordinal);
        Assert.DoesNotContain(CreatePlayersTable, run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.Equal([CreatePlayersTable, SeedStartingEleven], await database.AppliedMigrationsAsync());
        Assert.Equal(11, await database.PlayerCountAsync());
        Assert.Equal(checksums, await database.StoredChecksumsAsync());
    }

    [Fact]
    public async Task Repair_re_stamps_the_drifted_migration_logging_the_change_and_then_verify_and_upgrade_exit_0()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await EditedMigrations.ApplyAsync<EditedMigrations.EditedSeedStartingEleven>(database);
        var ran = (await database.StoredChecksumsAsync())[SeedStartingEleven];
        var build = database.BuildChecksumsOf(SeedStartingEleven)[SeedStartingEleven];

        var repair = await AssertExitsAsync(0, database, "repair");
        var verify = await AssertExitsAsync(0, database, "verify");

        Assert.Contains($"Re-stamped {SeedStartingEleven}: {ran} → {build}.", repair.Errors, StringComparison.Ordinal);
        Assert.Equal($"Re-stamped 1 applied migration(s) with this build's checksums: {SeedStartingEleven}.\n", repair.Output);
        Assert.Equal("All 2 applied migrations match.\n", verify.Output);
        Assert.Equal("Nothing to repair: every applied migration's checksum matches this build.\n", (await AssertExitsAsync(0, database, "repair")).Output);
        await AssertExitsAsync(0, database, "upgrade");
        Assert.Equal(25, await database.PlayerCountAsync());
    }

    [Fact]
    public async Task A_copy_that_differs_only_in_comments_line_endings_and_trailing_whitespace_does_not_drift()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await EditedMigrations.ApplyAsync<EditedMigrations.ReformattedSeedStartingEleven>(database);

        var verify = await AssertExitsAsync(0, database, "verify");

        Assert.Equal("All 2 applied migrations match.\n", verify.Output);
    }

    [Fact]
    public async Task Verify_ignores_an_unknown_migration_with_one_line()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertExitsAsync(0, database);
        await database.AddHistoryRowAsync(DatabaseState.UnknownMigration);

        var verify = await AssertExitsAsync(0, database, "verify");

        Assert.Equal(
            [$"Ignored 1 unknown migration(s), applied but not in this build: {DatabaseState.UnknownMigration}.", "All 3 applied migrations match."],
            Lines(verify.Output));
    }

    [Fact]
    public async Task The_script_stamps_each_migration_it_applies_even_on_a_database_older_than_checksums()
    {
        await using var fresh = await TestDatabase.CreateAsync(engine);
        await using var older = await TestDatabase.CreateAsync(engine);
        await OlderDatabase.MigrateAsync(older, SeedStartingEleven);

        await fresh.ExecuteAsync((await AssertExitsAsync(0, fresh, "script")).Output);
        await older.ExecuteAsync((await AssertExitsAsync(0, older, "script", SeedStartingEleven, "head")).Output);

        Assert.Equal(fresh.BuildChecksumsOf(Worker.Migrations.All), await fresh.StoredChecksumsAsync());
        Assert.Equal(older.BuildChecksumsOf(Worker.Migrations.SeedSubstitutes), await older.StoredChecksumsAsync());
        Assert.Equal(25, await older.PlayerCountAsync());
    }

    [Fact]
    public async Task The_api_start_up_migration_stamps_each_migration_it_applies()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var api = new PlayersApiFactory(new Dictionary<string, string?> { [DatabaseSelection.DatabaseUrlKey] = database.Url });

        using var response = await api.CreateClient().GetAsync("/players/squadnumber/10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(database.BuildChecksumsOf(Worker.Migrations.All), await database.StoredChecksumsAsync());
    }

    [Fact]
    public async Task Verify_has_a_root_span_with_the_drifted_count_that_is_an_error_only_on_drift()
    {
        await using var matching = await TestDatabase.CreateAsync(engine);
        await using var drifted = await TestDatabase.CreateAsync(engine);
        await new PlayersMigrator(matching.Target, NullLoggerFactory.Instance).UpgradeAsync();
        await EditedMigrations.ApplyAsync<EditedMigrations.EditedSeedStartingEleven>(drifted);
        using var spans = new SpanRecorder();

        await new PlayersMigrator(matching.Target, NullLoggerFactory.Instance).VerifyAsync();
        await new PlayersMigrator(drifted.Target, NullLoggerFactory.Instance).VerifyAsync();

        var match = spans.Root(SpanRecorder.NamespaceOf(matching.Target), MigrationTelemetry.VerifySpanName);
        var drift = spans.Root(SpanRecorder.NamespaceOf(drifted.Target), MigrationTelemetry.VerifySpanName);
        Assert.Equal((ActivityKind.Client, ActivityStatusCode.Unset, 0, "verify"), (match.Kind, match.Status, match.GetTagItem("migrations.drifted"), match.GetTagItem("migrations.command")));
        Assert.Equal((ActivityStatusCode.Error, 1), (drift.Status, drift.GetTagItem("migrations.drifted")));
    }

    internal static async Task<ProcessRun> AssertExitsAsync(int exitCode, TestDatabase database, params string[] arguments)
    {
        var run = await InProcessWorker.RunAsync(database.Url, arguments);
        Assert.True(run.ExitCode == exitCode, run.ToString());
        return run;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static List<string?> ChecksumStates(ProcessRun status)
    {
        using var json = JsonDocument.Parse(status.Output);
        return [.. json.RootElement.GetProperty("migrations").EnumerateArray().Select(migration => migration.GetProperty("checksum").GetString())];
    }
}

public sealed class SqliteIntegrityTests() : IntegrityTests(DatabaseEngine.Sqlite);

public sealed class PostgresIntegrityTests() : IntegrityTests(DatabaseEngine.PostgreSql)
{
    [Fact]
    public async Task An_idempotent_script_run_twice_stamps_each_migration_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var script = await AssertExitsAsync(0, database, "script", "--idempotent");

        await database.ExecuteAsync(script.Output);
        await database.ExecuteAsync(script.Output);

        Assert.Equal(database.BuildChecksumsOf(Worker.Migrations.All), await database.StoredChecksumsAsync());
        Assert.Equal(25, await database.PlayerCountAsync());
    }
}

/// <summary>
/// <c>dotnet ef database update</c>, the real tool on the build the tests run from, stamps and unstamps checksums as
/// the worker does, and on PostgreSQL announces each migration it applies and reverts on the change channel: the only
/// <c>dotnet ef</c> runs of the suite, two per engine.
/// </summary>
[Trait("Tier", "Process")]
public sealed class DotnetEfIntegrityTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task Dotnet_ef_database_update_stamps_what_it_applies_and_removes_what_it_reverts(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var listener = engine == DatabaseEngine.PostgreSql ? await ChannelListener.StartAsync(database) : null;

        await DotnetEf.DatabaseUpdateAsync(database);
        Assert.Equal(database.BuildChecksumsOf(Worker.Migrations.All), await database.StoredChecksumsAsync());
        var applied = listener is null ? null : await listener.HeardAsync(Settle);

        await DotnetEf.DatabaseUpdateAsync(database, "CreatePlayersTable");
        Assert.Equal(database.BuildChecksumsOf(Worker.Migrations.CreatePlayersTable), await database.StoredChecksumsAsync());
        Assert.Equal("All 1 applied migrations match.\n", (await IntegrityTests.AssertExitsAsync(0, database, "verify")).Output);

        // It records what SQL can tell of each run: the start and the build; the duration on PostgreSQL only.
        var history = HistoryDocument.Parse((await IntegrityTests.AssertExitsAsync(0, database, "history", "--json")).Output)!;
        Assert.Equal(["revert", "revert", "apply", "apply", "apply"], history.Select(run => run.Direction));
        Assert.All(history, run =>
        {
            Assert.NotNull(run.StartedAt);
            Assert.Equal((BuildIdentity.Current.Version, null, null), (run.Version, run.LockWaitMs, run.LockRetries));
            Assert.Equal(engine == DatabaseEngine.PostgreSql, run.DurationMs is not null);
        });

        if (listener is not null)
        {
            // One announcement from each migration's own transaction: three applied, then two reverted.
            Assert.Equal(Enumerable.Repeat(ChangeChannel.SchemaChanged, Worker.Migrations.All.Length), applied);
            Assert.Equal([ChangeChannel.SchemaChanged, ChangeChannel.SchemaChanged], await listener.HeardAsync(Settle));
        }
    }
}
