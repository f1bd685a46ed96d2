using System.Diagnostics;
using Npgsql;

namespace Players.Tests.LockWaits;

/// <summary>
/// A report that keeps a plain read transaction open on <c>players</c>: its ACCESS SHARE lock stands in the way of
/// any statement that needs the table exclusively (DROP TABLE, most ALTER TABLE) until it ends.
/// </summary>
public sealed class LongReport : IAsyncDisposable
{
    public const string ApplicationName = "players-report";

    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private LongReport(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The report's server process, as a blocker is named.</summary>
    public int Pid => _connection.ProcessID;

    public const string Query = "SELECT count(*) FROM players";

    public static async Task<LongReport> StartAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var read = new NpgsqlCommand(Query, connection, transaction);
        await read.ExecuteScalarAsync();
        return new LongReport(connection, transaction);
    }

    /// <summary>Waits until another session waits for a lock the report holds (seen from a connection of its own).</summary>
    public async Task WaitUntilItBlocksAsync(string connectionString, TimeSpan timeout)
    {
        await using var watcher = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await watcher.OpenAsync();
        await using var blocked = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", watcher);
        blocked.Parameters.AddWithValue(Pid);
        var deadline = Stopwatch.StartNew();
        while ((long)(await blocked.ExecuteScalarAsync())! == 0)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"No session waited for the report's lock within {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Ends the report's transaction, releasing its lock.</summary>
    public async Task EndAsync()
    {
        if (_transaction is { } transaction)
        {
            _transaction = null;
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        await _connection.DisposeAsync();
    }
}
