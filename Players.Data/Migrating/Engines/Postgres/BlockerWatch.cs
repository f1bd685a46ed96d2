using Npgsql;
using Players.Data.Migrating.Locking;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// Reads which sessions a migration's statement queues behind while it still waits: <c>pg_blocking_pids</c> is empty
/// once the wait is over, so it is read from a connection of its own, a few times within each lock wait, and the
/// last sessions seen are kept in the run's <see cref="LockWaitBudget"/>. A statement that does not wait costs nothing.
/// </summary>
internal sealed class BlockerWatch : IAsyncDisposable
{
    private const string BlockersSql = """
        SELECT pid, application_name, state, now() - coalesce(xact_start, query_start), query
        FROM pg_stat_activity
        WHERE pid = ANY(pg_blocking_pids(@pid))
        ORDER BY pid
        """;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private BlockerWatch(string connectionString, int pid, LockWaitBudget locks)
    {
        _watching = WatchAsync(connectionString, pid, locks, _stop.Token);
    }

    /// <summary>Watches the session <paramref name="pid"/> until disposed.</summary>
    public static BlockerWatch Start(string connectionString, int pid, LockWaitBudget locks) => new(connectionString, pid, locks);

    /// <summary>The sessions <paramref name="pid"/> waits for now, read on <paramref name="connection"/>.</summary>
    public static async Task<IReadOnlyList<BlockingSession>> ReadAsync(NpgsqlConnection connection, int pid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(BlockersSql, connection) { Parameters = { new("pid", pid) } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<BlockingSession>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new BlockingSession(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<TimeSpan>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return sessions;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private static async Task WatchAsync(string connectionString, int pid, LockWaitBudget locks, CancellationToken stop)
    {
        // A quarter of the lock wait between looks: the last look falls within the wait's final quarter.
        var interval = TimeSpan.FromMilliseconds(Math.Max(20, locks.LockWait.TotalMilliseconds / 4));
        try
        {
            await Task.Delay(interval, stop);
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "players-migrator-watch" };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(stop);
            while (!stop.IsCancellationRequested)
            {
                var sessions = await ReadAsync(connection, pid, stop);
                if (sessions.Count > 0)
                {
                    locks.Blockers = [.. sessions.Select(session => session.Describe())];
                }

                await Task.Delay(interval, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (NpgsqlException)
        {
            // Naming the blockers is a courtesy: the migration's own outcome never depends on it.
        }
    }
}
