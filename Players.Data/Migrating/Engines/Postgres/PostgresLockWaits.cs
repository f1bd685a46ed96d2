using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Players.Data.Migrating.Locking;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// Bounds every lock wait of the migrator's statements by <see cref="LockWaitBudget.LockWait"/>, so that a statement
/// queued behind a long reader never holds every later query on its table in the queue for longer: <c>SET LOCAL
/// lock_timeout</c> in each transaction EF begins, and a session <c>lock_timeout</c>, reset afterwards, around a
/// statement that runs outside one (<c>CREATE INDEX CONCURRENTLY</c> with <c>suppressTransaction</c>). Watches who
/// blocks a waiting statement; counts each wait that ran out against the run's budget; and drops the invalid index
/// a concurrent index creation that ran out leaves behind, before the retry creates it again. The migrator runs
/// only asynchronously, so only the asynchronous calls are intercepted.
/// </summary>
internal sealed partial class PostgresLockWaits(string connectionString, LockWaitBudget locks) : IDbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly string _lockTimeout = string.Create(CultureInfo.InvariantCulture, $"'{(long)locks.LockWait.TotalMilliseconds}ms'");
    private BlockerWatch? _watch;
    private string? _invalidIndex;

    public async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(connection, result, $"SET LOCAL lock_timeout = {_lockTimeout}", cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null)
        {
            await ExecuteAsync(command.Connection!, null, $"SET lock_timeout = {_lockTimeout}", cancellationToken);
            if (_invalidIndex is { } index && ConcurrentIndex(command.CommandText) == index)
            {
                try
                {
                    await ExecuteAsync(command.Connection!, null, $"DROP INDEX CONCURRENTLY IF EXISTS {index}", cancellationToken);
                    _invalidIndex = null;
                }
                catch (NpgsqlException exception)
                {
                    // The drop waits too: counted as a wait that ran out, it is tried again before the next attempt.
                    if (IsLockTimeout(exception))
                    {
                        locks.Spend(locks.LockWait);
                    }

                    await ExecuteAsync(command.Connection!, null, "RESET lock_timeout", CancellationToken.None);
                    throw;
                }
            }
        }

        locks.Blockers = [];
        _watch = BlockerWatch.Start(connectionString, ((NpgsqlConnection)command.Connection!).ProcessID, locks);
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EndAsync(command, cancellationToken);
        return result;
    }

    public async Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsLockTimeout(eventData.Exception))
        {
            locks.Spend(eventData.Duration);
            if (command.Transaction is null && ConcurrentIndex(command.CommandText) is { } index)
            {
                _invalidIndex = index;
            }
        }

        await EndAsync(command, cancellationToken);
    }

    /// <summary>SQLSTATE 55P03: a statement waited for a lock longer than <c>lock_timeout</c>.</summary>
    public static bool IsLockTimeout(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    private async Task EndAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (_watch is { } watch)
        {
            _watch = null;
            await watch.DisposeAsync();
        }

        if (command.Transaction is null && command.Connection is { State: System.Data.ConnectionState.Open } connection)
        {
            await ExecuteAsync(connection, null, "RESET lock_timeout", cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The (schema-qualified) name of the index a <c>CREATE INDEX CONCURRENTLY</c> creates, or null for any other statement.</summary>
    internal static string? ConcurrentIndex(string sql) =>
        ConcurrentIndexSql().Match(sql) is { Success: true } match
            ? match.Groups["schema"].Success ? $"{match.Groups["schema"].Value}.{match.Groups["name"].Value}" : match.Groups["name"].Value
            : null;

    [GeneratedRegex(
        """^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s+ON\s+(?:ONLY\s+)?(?:(?<schema>"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\.)?""",
        RegexOptions.IgnoreCase)]
    private static partial Regex ConcurrentIndexSql();
}
