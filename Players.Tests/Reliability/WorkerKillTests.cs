using System.Diagnostics;
using Npgsql;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Reliability;

/// <summary>
/// A worker process killed mid-migration, with nothing in the product to help: the next run puts things right. The
/// killed worker is a process; the runs around it are the worker's command run in process (<see cref="InProcessWorker"/>).
/// </summary>
[Trait("Tier", "Process")]
public sealed class WorkerKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(60);
    private const int Attempts = 10;

    [Fact]
    public async Task A_postgres_worker_killed_while_blocked_inside_a_seed_migration_leaves_a_database_the_next_run_completes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await AssertExitsAsync(0, database, "upgrade", "CreatePlayersTable");

        using var worker = await KillWhileBlockedOnAHeldTableLockAsync(database);

        var next = await AssertExitsAsync(0, database, "upgrade");
        output.WriteLine($"Killed inside a migration transaction; the next run finished in {next.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(Players.Data.Migrating.PlayersMigrator.MigrationIds, await database.AppliedMigrationsAsync());
        Assert.Equal(3, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\""));
    }

    [Fact]
    public async Task A_sqlite_worker_killed_holding_the_lock_fails_the_next_run_in_its_budget_naming_unlock_which_recovers()
    {
        var (database, attempts) = await KillWhileHoldingTheSqliteLockAsync();
        await using var _ = database;
        output.WriteLine($"Killed holding the SQLite lock on attempt {attempts}.");

        var blocked = await InProcessWorker.RunAsync(database.Url, new Dictionary<string, string> { ["Players__Migrations__LockTimeoutSeconds"] = "3" });

        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        // The budget's own clock starts inside the run, its waits end on timer ticks: a few milliseconds short of 3 s is in budget.
        Assert.InRange(blocked.Elapsed, TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3 + 30));
        Assert.Contains("`unlock`", blocked.Errors, StringComparison.Ordinal);

        var unlock = await AssertExitsAsync(0, database, "unlock");
        Assert.Contains("Removed the stale migration lock", unlock.Output, StringComparison.Ordinal);
        await AssertExitsAsync(0, database, "upgrade");
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(Players.Data.Migrating.PlayersMigrator.MigrationIds, await database.AppliedMigrationsAsync());
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsLock\""));
    }

    /// <summary>
    /// Holds <c>players</c> in ACCESS EXCLUSIVE mode, starts the worker, waits until its seed INSERT waits on that lock
    /// inside its transaction, kills it, then lets go.
    /// </summary>
    private async Task<ServiceProcess> KillWhileBlockedOnAHeldTableLockAsync(TestDatabase database)
    {
        await using var holder = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE players IN ACCESS EXCLUSIVE MODE", holder, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        // Activity is read on a connection of its own: inside a transaction PostgreSQL keeps showing its first snapshot.
        await using var observer = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await observer.OpenAsync();
        var worker = WorkerProcess.Start(database.Url, "upgrade");
        try
        {
            var blockedQuery = await WaitForAsync(async () =>
            {
                await using var probe = new NpgsqlCommand(
                    "SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' " +
                    "AND xact_start IS NOT NULL AND pid <> pg_backend_pid() LIMIT 1", observer);
                return (string?)await probe.ExecuteScalarAsync();
            });
            output.WriteLine($"The worker waits inside its transaction on: {blockedQuery[..Math.Min(120, blockedQuery.Length)]}");
            Assert.Contains("players", blockedQuery, StringComparison.Ordinal);
        }
        finally
        {
            worker.Kill();
            await worker.WaitForExitAsync(WaitBound);
            await transaction.RollbackAsync();
        }

        return worker;
    }

    /// <summary>
    /// Starts a worker on a new SQLite database and kills it the moment its live-lock marker appears, i.e. after it
    /// inserted its lock row. A fast run can finish first; then it tries again on a fresh database.
    /// </summary>
    private static async Task<(SqliteTestDatabase Database, int Attempts)> KillWhileHoldingTheSqliteLockAsync()
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var database = new SqliteTestDatabase();
            using (var worker = WorkerProcess.Start(database.Url, "upgrade"))
            {
                // A polling thread of its own: timer-based delays are too coarse for a run that takes a few tens of ms.
                var marker = database.FilePath + ".migrating";
                await Task.Factory.StartNew(() =>
                {
                    var elapsed = Stopwatch.StartNew();
                    while (!File.Exists(marker) && !worker.HasExited && elapsed.Elapsed < WaitBound)
                    {
                        Thread.Sleep(1);
                    }

                    worker.Kill();
                }, TaskCreationOptions.LongRunning);

                await worker.WaitForExitAsync(WaitBound);
            }

            if (await database.TableExistsAsync("__EFMigrationsLock") && await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsLock\"") == 1)
            {
                return (database, attempt);
            }

            await database.DisposeAsync();
        }

        throw new InvalidOperationException($"In {Attempts} attempts the worker never was caught holding its lock.");
    }

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < WaitBound)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Nothing was found within {WaitBound}.");
    }

    /// <summary>The runs before and after a kill, in process: only the killed worker needs to be a process.</summary>
    private static async Task<ProcessRun> AssertExitsAsync(int exitCode, TestDatabase database, params string[] arguments)
    {
        var run = await InProcessWorker.RunAsync(database.Url, arguments);
        Assert.True(run.ExitCode == exitCode, run.ToString());
        return run;
    }
}
