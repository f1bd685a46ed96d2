using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Recording;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using Ids = Players.Tests.Worker.Migrations;

namespace Players.Tests.Recording;

/// <summary>
/// The record of every run (docs/adr/0016-a-table-of-runs.md), on one engine: what the worker records of each apply
/// and revert, what <c>history</c> and <c>status --json</c> print of it, and what a script records by itself.
/// </summary>
[Trait("Tier", "Fast")]
public abstract class RunRecordTests(DatabaseEngine engine)
{
    protected DatabaseEngine Engine => engine;

    [Fact]
    public async Task Each_apply_and_revert_the_worker_runs_is_recorded_with_every_field_newest_first()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var before = DateTime.UtcNow;

        await AssertSucceedsAsync(database, "upgrade");
        await AssertSucceedsAsync(database, "downgrade", "-1");
        var history = await HistoryAsync(database);

        Assert.Equal(
            [
                (RunRecord.Revert, Ids.SeedSubstitutes),
                (RunRecord.Apply, Ids.SeedSubstitutes),
                (RunRecord.Apply, Ids.SeedStartingEleven),
                (RunRecord.Apply, Ids.CreatePlayersTable),
            ],
            history.Select(run => (run.Direction, run.Migration)));
        Assert.All(history, run =>
        {
            Assert.Equal(RunRecord.Succeeded, run.Outcome);
            Assert.InRange(run.StartedAt!.Value, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
            Assert.Equal(DateTimeKind.Utc, run.StartedAt.Value.Kind);
            Assert.InRange(run.DurationMs!.Value, 0, 60_000);
            Assert.InRange(run.LockWaitMs!.Value, 0, run.DurationMs.Value);
            Assert.Equal(0, run.LockRetries);
            Assert.Equal((BuildIdentity.Current.Version, BuildIdentity.Current.Commit), (run.Version, run.Commit));
        });
        Assert.Equal(history.Select(run => run.StartedAt).OrderDescending(), history.Select(run => run.StartedAt));
    }

    [Fact]
    public async Task The_api_start_up_migration_records_every_field_of_each_migration_it_applies()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using (var api = new PlayersApiFactory(new Dictionary<string, string?> { [DatabaseSelection.DatabaseUrlKey] = database.Url }))
        {
            // The host's start runs the start-up migration.
            Assert.NotNull(api.Services);
        }

        var history = await HistoryAsync(database);
        Assert.Equal(Ids.All.AsEnumerable().Reverse(), history.Select(run => run.Migration));
        Assert.All(history, run =>
        {
            Assert.Equal((RunRecord.Apply, RunRecord.Succeeded, 0), (run.Direction, run.Outcome, run.LockRetries));
            Assert.NotNull(run.StartedAt);
            Assert.InRange(run.LockWaitMs!.Value, 0, run.DurationMs!.Value);
            Assert.Equal((BuildIdentity.Current.Version, BuildIdentity.Current.Commit), (run.Version, run.Commit));
        });
    }

    [Fact]
    public async Task History_json_has_one_object_per_run_with_the_documented_fields_and_the_text_one_line_each()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "CreatePlayersTable");

        var json = await AssertSucceedsAsync(database, "history", "--json");
        var text = await AssertSucceedsAsync(database, "history");

        using var document = JsonDocument.Parse(json.Output);
        var run = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(
            ["migration", "direction", "outcome", "startedAt", "durationMs", "lockWaitMs", "lockRetries", "version", "commit"],
            run.EnumerateObject().Select(property => property.Name));
        Assert.EndsWith("Z", run.GetProperty("startedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, run.GetProperty("durationMs").ValueKind);
        var line = Assert.Single(text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(
            $@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z apply {Ids.CreatePlayersTable} succeeded in \d+ ms, lock waits \d+ ms \(0 retries\), build \S+",
            line);
    }

    [Fact]
    public async Task Status_json_gives_each_applied_migration_the_time_and_duration_of_its_last_apply_and_null_while_pending()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "SeedStartingEleven");
        await AssertSucceedsAsync(database, "downgrade", "-1");
        await AssertSucceedsAsync(database, "upgrade", "SeedStartingEleven");

        var status = await AssertSucceedsAsync(database, "status", "--json");
        var lastApplies = (await HistoryAsync(database)).Where(run => run.Direction == RunRecord.Apply).DistinctBy(run => run.Migration).ToList();

        using var document = JsonDocument.Parse(status.Output);
        var migrations = document.RootElement.GetProperty("migrations").EnumerateArray().ToList();
        foreach (var (migration, id) in migrations.Take(2).Zip([Ids.CreatePlayersTable, Ids.SeedStartingEleven]))
        {
            var last = lastApplies.Single(run => run.Migration == id);
            Assert.Equal(last.StartedAt, migration.GetProperty("appliedAt").GetDateTime().ToUniversalTime());
            Assert.Equal(last.DurationMs, migration.GetProperty("durationMs").GetInt64());
        }

        Assert.Equal(3, (await HistoryAsync(database)).Count(run => run.Migration == Ids.SeedStartingEleven));
        Assert.Equal(JsonValueKind.Null, migrations[2].GetProperty("appliedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, migrations[2].GetProperty("durationMs").ValueKind);
    }

    [Fact]
    public async Task A_migration_that_fails_is_recorded_as_failed_after_the_one_it_committed_before()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await AssertSucceedsAsync(database, "upgrade", "CreatePlayersTable");
        // Squad number 1 belongs to a substitute: SeedSubstitutes refuses to seed over it, after SeedStartingEleven committed.
        await database.ExecuteAsync("""
            INSERT INTO players (id, "firstName", "lastName", "squadNumber", position)
            VALUES ('00000000-0000-4000-8000-000000000001', 'Held', 'Number', 1, 'Goalkeeper')
            """);

        var failed = await InProcessWorker.RunAsync(database, "upgrade");

        Assert.True(failed.ExitCode == 1, failed.ToString());
        var history = await HistoryAsync(database);
        Assert.Equal(
            [
                (Ids.SeedSubstitutes, RunRecord.Failed),
                (Ids.SeedStartingEleven, RunRecord.Succeeded),
                (Ids.CreatePlayersTable, RunRecord.Succeeded),
            ],
            history.Select(run => (run.Migration, run.Outcome)));
        Assert.NotNull(history[0].StartedAt);
        Assert.InRange(history[0].DurationMs!.Value, 0, 60_000);
        Assert.Equal(0, history[0].LockRetries);
    }

    [Fact]
    public async Task A_printed_script_run_by_hand_records_its_start_and_build_and_leaves_null_what_sql_cannot_know()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var script = Migrator(database).Script();
        var before = DateTime.UtcNow;

        await database.ExecuteAsync(script);

        var history = await HistoryAsync(database);
        Assert.Equal(Ids.All.AsEnumerable().Reverse(), history.Select(run => run.Migration));
        Assert.All(history, run =>
        {
            Assert.Equal((RunRecord.Apply, RunRecord.Succeeded), (run.Direction, run.Outcome));
            Assert.InRange(run.StartedAt!.Value, before.AddSeconds(-5), DateTime.UtcNow.AddSeconds(5));
            Assert.Equal((BuildIdentity.Current.Version, BuildIdentity.Current.Commit), (run.Version, run.Commit));
            Assert.Equal((null, null), (run.LockWaitMs, run.LockRetries));
            AssertScriptDuration(run.DurationMs);
        });
        var status = await AssertSucceedsAsync(database, "status", "--json");
        using var document = JsonDocument.Parse(status.Output);
        Assert.All(document.RootElement.GetProperty("migrations").EnumerateArray(), migration =>
            Assert.Equal(JsonValueKind.String, migration.GetProperty("appliedAt").ValueKind));
    }

    [Fact]
    public async Task A_build_that_knows_no_commit_records_its_version_and_a_null_commit()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var withoutCommit = BuildIdentity.Parse("1.0.0");

        await new PlayersMigrator(database.Target, NullLoggerFactory.Instance) { Build = withoutCommit }.UpgradeAsync("CreatePlayersTable");

        var run = Assert.Single(await HistoryAsync(database));
        Assert.Equal(("1.0.0", null), (run.Version, run.Commit));
    }

    [Fact]
    public async Task A_database_that_does_not_exist_has_an_empty_history_and_is_not_created()
    {
        await using var database = await MissingDatabase.CreateAsync(engine);

        var run = await AssertSucceedsAsync(database, "history", "--json");

        Assert.Equal("[]", run.Output.Trim());
        Assert.False(await database.ExistsAsync());
    }

    /// <summary>What a script's SQL can tell of a migration's duration on this engine.</summary>
    protected abstract void AssertScriptDuration(long? durationMs);

    protected static PlayersMigrator Migrator(TestDatabase database) => new(database.Target, NullLoggerFactory.Instance);

    protected static async Task<WorkerRun> AssertSucceedsAsync(TestDatabase database, params string[] arguments)
    {
        var run = await InProcessWorker.RunAsync(database, arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    protected static async Task<IReadOnlyList<Contracts.HistoryDocument>> HistoryAsync(TestDatabase database) =>
        Contracts.HistoryDocument.Parse((await AssertSucceedsAsync(database, "history", "--json")).Output)!;
}

[Trait("Tier", "Fast")]
public sealed class SqliteRunRecordTests() : RunRecordTests(DatabaseEngine.Sqlite)
{
    // SQLite keeps no transaction start: a script records no duration.
    protected override void AssertScriptDuration(long? durationMs) => Assert.Null(durationMs);
}
