using Players.Data;
using Players.Data.Migrating.Recording;
using Players.Tests.Infrastructure;
using Players.Tests.LockWaits;
using Players.Tests.Worker;
using Ids = Players.Tests.Worker.Migrations;

namespace Players.Tests.Recording;

[Trait("Tier", "Fast")]
public sealed class PostgresRunRecordTests() : RunRecordTests(DatabaseEngine.PostgreSql)
{
    private static readonly Dictionary<string, string> ShortWaits = new()
    {
        ["Players__Migrations__LockWaitMilliseconds"] = "300",
        ["Players__Migrations__LockTimeoutSeconds"] = "8",
    };

    [Fact]
    public async Task A_revert_retried_after_lock_waits_records_its_retries_and_the_time_they_cost()
    {
        await using var database = await LockWaitRetryTests.UpgradedDatabaseAsync();
        await using var report = await LongReport.StartAsync(database.Target.ConnectionString);

        var downgrade = InProcessWorker.RunAsync(database.Url, ShortWaits, "downgrade", "base");
        await report.WaitUntilItBlocksAsync(database.Target.ConnectionString, TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await report.EndAsync();
        var run = await downgrade;

        Assert.True(run.ExitCode == 0, run.ToString());
        // A retried migration counts once, with no span listener too.
        Assert.Contains("3 migration(s) reverted", run.Errors, StringComparison.Ordinal);
        var history = await HistoryAsync(database);
        var dropped = history[0];
        Assert.Equal((RunRecord.Revert, Ids.CreatePlayersTable, RunRecord.Succeeded), (dropped.Direction, dropped.Migration, dropped.Outcome));
        Assert.InRange(dropped.LockRetries!.Value, 1, 30);
        Assert.InRange(dropped.LockWaitMs!.Value, 300 * dropped.LockRetries.Value, dropped.DurationMs!.Value);
        Assert.All(history.Skip(1).Take(2), seedRevert => Assert.Equal((0, 0L), (seedRevert.LockRetries, seedRevert.LockWaitMs)));
    }

    [Fact]
    public async Task A_revert_that_spends_the_lock_budget_is_recorded_as_failed_with_its_retries()
    {
        await using var database = await LockWaitRetryTests.UpgradedDatabaseAsync();
        await using var report = await LongReport.StartAsync(database.Target.ConnectionString);

        var run = await InProcessWorker.RunAsync(
            database.Url, new Dictionary<string, string>(ShortWaits) { ["Players__Migrations__LockTimeoutSeconds"] = "2" }, "downgrade", "base");
        await report.EndAsync();

        Assert.True(run.ExitCode == 1, run.ToString());
        var failed = (await HistoryAsync(database))[0];
        Assert.Equal((RunRecord.Revert, Ids.CreatePlayersTable, RunRecord.Failed), (failed.Direction, failed.Migration, failed.Outcome));
        Assert.InRange(failed.LockRetries!.Value, 1, 30);
        Assert.InRange(failed.LockWaitMs!.Value, 300, failed.DurationMs!.Value);
        Assert.Equal([Ids.CreatePlayersTable], await database.AppliedMigrationsAsync());
    }

    [Fact]
    public async Task An_idempotent_script_records_each_migration_once_however_often_it_runs()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var script = Migrator(database).Script(idempotent: true);

        await database.ExecuteAsync(script);
        await database.ExecuteAsync(script);

        var history = await HistoryAsync(database);
        Assert.Equal(Ids.All.AsEnumerable().Reverse(), history.Select(run => run.Migration));
        Assert.All(history, run => Assert.InRange(run.DurationMs!.Value, 0, 60_000));
    }

    // now() is the start of the migration's transaction, clock_timestamp() the moment of the record.
    protected override void AssertScriptDuration(long? durationMs) => Assert.InRange(durationMs!.Value, 0, 60_000);
}
