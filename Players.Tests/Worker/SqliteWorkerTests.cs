using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Data;
using Players.Data.Migrating;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

[Trait("Tier", "Fast")]
public sealed class SqliteWorkerTests() : WorkerCommandTests(DatabaseEngine.Sqlite)
{
    private static readonly Dictionary<string, string> ShortLockBudget = new() { ["Players__Migrations__LockTimeoutSeconds"] = "3" };

    [Fact]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var run = await InProcessWorker.RunAsync("sqlite:///unused.db", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("usage: Players.MigrationService", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_that_is_not_a_number_of_seconds_exits_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"players-budget-{Guid.NewGuid():N}.db");

        var run = await InProcessWorker.RunAsync(
            $"sqlite:///{path}", new Dictionary<string, string> { ["Players__Migrations__LockTimeoutSeconds"] = "soon" }, "upgrade");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Invalid Players:Migrations:LockTimeoutSeconds 'soon'", run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_database_file_that_cannot_be_created_exits_1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"players-missing-{Guid.NewGuid():N}", "players.db");

        var run = await InProcessWorker.RunAsync($"sqlite:///{path}", "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"Cannot open or create SQLite {path}", run.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public async Task A_lock_left_by_a_killed_worker_fails_the_next_run_within_the_lock_budget_until_unlock_removes_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await AssertSucceedsAsync(database, "upgrade", "CreatePlayersTable");
        await LeaveStaleLockAsync(database);

        var blocked = await InProcessWorker.RunAsync(database.Url, ShortLockBudget);

        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        Assert.InRange(blocked.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3 + 30));
        Assert.Contains("Gave up after 3 s waiting for the migration lock (the row in __EFMigrationsLock", blocked.Errors, StringComparison.Ordinal);
        Assert.Contains("`unlock`", blocked.Errors, StringComparison.Ordinal);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsLock\""));
        Assert.Equal([Migrations.CreatePlayersTable], await database.AppliedMigrationsAsync());

        var unlock = await AssertSucceedsAsync(database, "unlock");
        Assert.Contains("Removed the stale migration lock", unlock.Output, StringComparison.Ordinal);

        await AssertSucceedsAsync(database);
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsLock\""));
    }

    [Fact]
    public async Task A_finished_run_releases_the_lock_row_and_its_marker_file()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);

        await AssertSucceedsAsync(database);
        await AssertSucceedsAsync(database, "downgrade", "-1");

        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsLock\""));
        Assert.False(File.Exists(((SqliteTestDatabase)database).FilePath + ".migrating"));
    }

    [Fact]
    public async Task Unlock_refuses_while_a_migration_holds_the_lock()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await AssertSucceedsAsync(database, "upgrade", "CreatePlayersTable");
        var migrator = new PlayersMigrator(database.Target, NullLoggerFactory.Instance);

        await using (var db = migrator.CreateContext(sink: null))
        {
            // Taken through the migrator's own history repository, exactly as a running migration takes it.
            await using var held = await db.GetService<IHistoryRepository>().AcquireDatabaseLockAsync();

            var refused = await InProcessWorker.RunAsync(database.Url, "unlock");

            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("A running migration holds the migration lock", refused.Errors, StringComparison.Ordinal);
            Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsLock\""));
        }

        var released = await AssertSucceedsAsync(database, "unlock");
        Assert.Contains("No migration lock to remove", released.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_refuses_while_another_process_writes_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await AssertSucceedsAsync(database, "upgrade", "CreatePlayersTable");
        await LeaveStaleLockAsync(database);

        await using (var writer = new Microsoft.Data.Sqlite.SqliteConnection(database.Target.ConnectionString + ";Pooling=false"))
        {
            await writer.OpenAsync();
            await using var transaction = writer.BeginTransaction(deferred: false);

            var refused = await InProcessWorker.RunAsync(database.Url, "unlock");

            Assert.True(refused.ExitCode == 1, refused.ToString());
        }

        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsLock\""));
    }

    [Fact]
    public async Task An_idempotent_script_is_refused_because_ef_cannot_write_one_for_sqlite()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);

        var run = await InProcessWorker.RunAsync(database.Url, "script", "--idempotent");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("EF Core cannot write idempotent scripts for SQLite", run.Errors, StringComparison.Ordinal);
        Assert.False(await database.ExistsAsync());
    }

    /// <summary>
    /// The row EF's own lock leaves when its process dies before releasing it: taken through EF's stock repository,
    /// since ours also holds a marker file that only the death of the process would release.
    /// </summary>
    private static async Task LeaveStaleLockAsync(TestDatabase database)
    {
        await using var db = new PlayersDbContext(new DbContextOptionsBuilder<PlayersDbContext>().UseSqlite(database.Target.ConnectionString).Options);
        _ = await db.GetService<IHistoryRepository>().AcquireDatabaseLockAsync();
    }
}
