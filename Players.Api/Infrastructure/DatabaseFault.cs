using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Players.Api.Infrastructure;

/// <summary>What a database failure means for the request that met it.</summary>
public enum DatabaseFault
{
    /// <summary>Not a database failure: the exception handler leaves it to the framework.</summary>
    None,

    /// <summary>The database cannot be reached or cannot take the work now (connection, timeout, transient, busy): 503.</summary>
    Unavailable,

    /// <summary>A table or column this build uses is missing: the schema is behind this build, as <c>/health</c> says: 503.</summary>
    SchemaBehind,

    /// <summary>Any other fault the database raised (a constraint, a trigger): a fault of this service, 500.</summary>
    Other,
}

/// <summary>Sorts a request's exception, and the exceptions it wraps, into a <see cref="DatabaseFault"/>.</summary>
public static class DatabaseFaults
{
    private const int SqliteError = 1;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// The first cause along the chain that says unavailable or schema behind decides, since EF wraps the provider's
    /// exception (<c>DbUpdateException</c>) and the retries wrap their last one; else any database exception is Other.
    /// </summary>
    public static DatabaseFault Classify(Exception exception)
    {
        var fault = DatabaseFault.None;
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            var found = Of(inner);
            if (found is DatabaseFault.Unavailable or DatabaseFault.SchemaBehind)
            {
                return found;
            }

            if (found is DatabaseFault.Other)
            {
                fault = found;
            }
        }

        return fault;
    }

    private static DatabaseFault Of(Exception exception) => exception switch
    {
        // The retries spent their budget on transient faults; a timeout is a command or a pool wait that ran out.
        RetryLimitExceededException or TimeoutException => DatabaseFault.Unavailable,
        PostgresException postgres => OfSqlState(postgres.SqlState, postgres.IsTransient),
        // Npgsql's own: a socket, a stream or the pool, transient when the network or a timeout is behind it.
        NpgsqlException npgsql => npgsql.IsTransient ? DatabaseFault.Unavailable : DatabaseFault.Other,
        SqliteException sqlite => sqlite.SqliteErrorCode switch
        {
            SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen => DatabaseFault.Unavailable,
            SqliteError when IsMissingTableOrColumn(sqlite.Message) => DatabaseFault.SchemaBehind,
            _ => DatabaseFault.Other,
        },
        DbException => DatabaseFault.Other,
        _ => DatabaseFault.None,
    };

    private static DatabaseFault OfSqlState(string sqlState, bool isTransient) => sqlState switch
    {
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn => DatabaseFault.SchemaBehind,
        // Cannot connect as configured (class 08 connection, 28 credentials, 3D000 no such database, 57P operator
        // intervention such as a shutdown), or the server is short of resources (class 53).
        _ when isTransient || sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("28", StringComparison.Ordinal)
            || sqlState.StartsWith("53", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal)
            || sqlState == PostgresErrorCodes.InvalidCatalogName => DatabaseFault.Unavailable,
        _ => DatabaseFault.Other,
    };

    private static bool IsMissingTableOrColumn(string message) =>
        message.Contains("no such table", StringComparison.Ordinal) || message.Contains("no such column", StringComparison.Ordinal);
}
