using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Telemetry;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using MigrationIds = Players.Tests.Worker.Migrations;

namespace Players.Tests.LockWaits;

/// <summary>
/// A migration whose statement cannot get its lock within the lock wait rolls back and is retried until the run's
/// lock budget is spent, on the shared PostgreSQL cluster, with the migrator in process.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class LockWaitRetryTests
{
    private static readonly MigratorBudgets ShortWaits = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(8))
    {
        LockWait = TimeSpan.FromMilliseconds(300),
    };

    [Fact]
    public async Task A_migration_blocked_by_a_reader_is_retried_and_succeeds_once_the_reader_ends()
    {
        await using var database = await UpgradedDatabaseAsync();
        await using var report = await LongReport.StartAsync(database.Target.ConnectionString);
        using var spans = new SpanRecorder();

        var downgrade = Migrator(database, ShortWaits).DowngradeAsync("base");
        // However long the first two reverts take on a cold cluster: the DROP TABLE waits, then outlives its 300 ms wait.
        await report.WaitUntilItBlocksAsync(database.Target.ConnectionString, TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(downgrade.IsCompleted, "The DROP TABLE should still be waiting for the report.");
        await report.EndAsync();
        var result = await downgrade;

        Assert.Equal(3, result.Count);
        Assert.Null(await database.PlayerCountAsync());
        var root = spans.Root(SpanRecorder.NamespaceOf(database.Target));
        var steps = spans.ChildrenOf(root);
        Assert.Equal(
            [$"revert {MigrationIds.SeedSubstitutes}", $"revert {MigrationIds.SeedStartingEleven}", $"revert {MigrationIds.CreatePlayersTable}"],
            steps.Select(step => step.DisplayName));
        var retries = steps[2].Events.Where(e => e.Name == MigrationSteps.LockWaitRetryEvent).ToList();
        Assert.InRange(retries.Count, 1, 30);
        Assert.Contains($"pid {report.Pid} ", (string)retries[0].Tags.Single(tag => tag.Key == "migrations.retry.blockers").Value!, StringComparison.Ordinal);
        Assert.All(steps.Take(2), step => Assert.Empty(step.Events));
        Assert.All(steps, step => Assert.Equal(ActivityStatusCode.Unset, step.Status));
    }

    [Fact]
    public async Task A_spent_lock_budget_fails_naming_every_blocking_session_and_rolls_the_migration_back()
    {
        await using var database = await UpgradedDatabaseAsync();
        await using var report = await LongReport.StartAsync(database.Target.ConnectionString);
        await using var secondReport = await LongReport.StartAsync(database.Target.ConnectionString);
        var budgets = ShortWaits with { Lock = TimeSpan.FromSeconds(2) };

        var elapsed = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<MigrationLockTimeoutException>(() => Migrator(database, budgets).DowngradeAsync("base"));
        elapsed.Stop();

        Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2 + 2));
        var message = failure.Message;
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith($"Gave up on {MigrationIds.CreatePlayersTable} after ", message, StringComparison.Ordinal);
        Assert.Contains("LockTimeoutSeconds", message, StringComparison.Ordinal);
        foreach (var blocker in new[] { report, secondReport })
        {
            Assert.Contains(
                $"pid {blocker.Pid} (application_name \"{LongReport.ApplicationName}\", idle in transaction for ",
                message,
                StringComparison.Ordinal);
        }

        Assert.Contains($"query \"{LongReport.Query}\")", message, StringComparison.Ordinal);
        await report.EndAsync();
        await secondReport.EndAsync();
        Assert.Equal(0, await database.PlayerCountAsync());
        Assert.Equal([MigrationIds.CreatePlayersTable], await database.AppliedMigrationsAsync());
    }

    internal static PlayersMigrator Migrator(TestDatabase database, MigratorBudgets budgets) => new(database.Target, NullLoggerFactory.Instance, budgets);

    internal static async Task<TestDatabase> UpgradedDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await Migrator(database, MigratorBudgets.Default).UpgradeAsync();
        NpgsqlConnection.ClearAllPools();
        return database;
    }
}
