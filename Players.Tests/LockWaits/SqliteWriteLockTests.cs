using Microsoft.Data.Sqlite;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.LockWaits;

/// <summary>On SQLite the run's lock budget bounds the wait for the database's write lock, which another connection holds.</summary>
[Trait("Tier", "Fast")]
public sealed class SqliteWriteLockTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_write_lock_held_by_another_connection_makes_the_worker_exit_1_within_the_lock_budget_with_one_line_naming_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        var first = await InProcessWorker.RunAsync(database, "upgrade", "CreatePlayersTable");
        Assert.True(first.ExitCode == 0, first.ToString());
        await using var writer = new SqliteConnection(new SqliteConnectionStringBuilder(database.Target.ConnectionString) { Pooling = false }.ConnectionString);
        await writer.OpenAsync();
        await using (var begin = new SqliteCommand("BEGIN IMMEDIATE", writer))
        {
            await begin.ExecuteNonQueryAsync();
        }

        var blocked = await InProcessWorker.RunAsync(
            database.Url, new Dictionary<string, string> { ["Players__Migrations__LockTimeoutSeconds"] = "2" }, "upgrade");

        output.WriteLine(blocked.ToString());
        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        Assert.InRange(blocked.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2 + 10));
        var line = Assert.Single(blocked.Errors.Split('\n'), line => line.Contains("Gave up after 2 s", StringComparison.Ordinal) && !line.Contains("failed after", StringComparison.Ordinal));
        Assert.Contains("write lock", line, StringComparison.Ordinal);
        Assert.Contains("LockTimeoutSeconds", line, StringComparison.Ordinal);

        await using (var rollback = new SqliteCommand("ROLLBACK", writer))
        {
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal([Worker.Migrations.CreatePlayersTable], await database.AppliedMigrationsAsync());
        var after = await InProcessWorker.RunAsync(database, "upgrade");
        Assert.True(after.ExitCode == 0, after.ToString());
    }
}
