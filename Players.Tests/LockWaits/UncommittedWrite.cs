using Npgsql;

namespace Players.Tests.LockWaits;

/// <summary>
/// A write to <c>players</c> left uncommitted (its ROW EXCLUSIVE lock, taken as an UPDATE would): a concurrent index
/// creation, having written its still invalid index, waits for it to end before it can build the index.
/// </summary>
public sealed class UncommittedWrite : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private UncommittedWrite(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<UncommittedWrite> StartAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "players-writer" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var write = new NpgsqlCommand("LOCK TABLE players IN ROW EXCLUSIVE MODE", connection, transaction);
        await write.ExecuteNonQueryAsync();
        return new UncommittedWrite(connection, transaction);
    }

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
