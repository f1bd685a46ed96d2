using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Players.Data.Migrating;
using Players.Tests.Lint;
using Players.Tests.Worker;

namespace Players.Tests.LockWaits;

/// <summary>
/// A <c>CREATE INDEX CONCURRENTLY</c> (a statement outside the migration's transaction, <c>suppressTransaction</c>)
/// that runs out of its lock wait leaves an invalid index behind: the retry drops it (<c>DROP INDEX CONCURRENTLY IF
/// EXISTS</c>) before it creates the index again, and the session's <c>lock_timeout</c> is reset after each attempt.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class ConcurrentIndexRetryTests
{
    private const string IndexValidSql = """SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('"IX_players_team"') AND indisvalid""";

    private static readonly MigratorBudgets Budgets = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60))
    {
        LockWait = TimeSpan.FromMilliseconds(300),
    };

    [Fact]
    public async Task A_concurrent_index_that_ran_out_of_its_lock_wait_is_dropped_before_its_retry_and_the_session_lock_timeout_is_reset()
    {
        await using var database = await LockWaitRetryTests.UpgradedDatabaseAsync();
        await using var write = await UncommittedWrite.StartAsync(database.Target.ConnectionString);
        var probe = new SessionProbe();
        var log = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(log)));
        var migrator = new PlayersMigrator(database.Target, loggerFactory, Budgets)
        {
            ConfigureContext = options =>
            {
                TestMigrator.Appending(typeof(IndexOnTeamConcurrently))(options);
                options.AddInterceptors(probe);
            },
        };

        var upgrade = migrator.UpgradeAsync();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            // Two retries: the first after the index creation ran out, the next after the drop before it did too.
            while (log.GetSnapshot().Count(record => record.Message.Contains("rolled back, retry", StringComparison.Ordinal)) < 2)
            {
                await Task.Delay(20, deadline.Token);
            }
        }

        Assert.False(upgrade.IsCompleted, "The index creation should still be retrying behind the uncommitted write.");
        await write.EndAsync();
        var result = await upgrade.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, result.Count);
        // Each failed attempt left its index invalid, seen on the migrator's own session when it failed; had the retry
        // not dropped it, the next CREATE INDEX would have failed on its name (42P07) instead of waiting or succeeding.
        var failed = probe.Seen.Where(seen => seen.Failed).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, seen => Assert.Equal("invalid", seen.Index));
        var created = Assert.Single(probe.Seen, seen => !seen.Failed);
        Assert.Equal("valid", created.Index);
        Assert.Equal(1L, await database.ScalarAsync(IndexValidSql));
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM pg_indexes WHERE indexname = 'IX_players_team'"));
        // Each attempt's session lock_timeout is undone after it, whatever its outcome: the server's default (0, none).
        Assert.All(probe.Seen, seen => Assert.Equal("0", seen.LockTimeout));
    }

    /// <summary>
    /// After each statement the migrator runs outside a transaction (registered after the migrator's own interceptor,
    /// so it runs after that one's clean-up): the session's <c>lock_timeout</c> and the state of the index.
    /// </summary>
    private sealed class SessionProbe : DbCommandInterceptor
    {
        public List<(bool Failed, string LockTimeout, string Index)> Seen { get; } = [];

        public override async ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            await ProbeAsync(command, failed: false);
            return result;
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default) =>
            ProbeAsync(command, failed: true);

        private async Task ProbeAsync(DbCommand command, bool failed)
        {
            if (command.Transaction is not null || !command.CommandText.Contains("CONCURRENTLY", StringComparison.Ordinal))
            {
                return;
            }

            await using var probe = command.Connection!.CreateCommand();
            probe.CommandText = """
                SELECT current_setting('lock_timeout'),
                       coalesce((SELECT CASE WHEN indisvalid THEN 'valid' ELSE 'invalid' END FROM pg_index
                                 WHERE indexrelid = to_regclass('"IX_players_team"')), 'none')
                """;
            await using var reader = await probe.ExecuteReaderAsync();
            await reader.ReadAsync();
            Seen.Add((failed, reader.GetString(0), reader.GetString(1)));
        }
    }
}
