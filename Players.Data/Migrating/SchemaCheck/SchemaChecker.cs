using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>
/// Alembic's <c>check</c> turned towards the database: compares every table this build's migrations own, as the
/// database holds it, with the model of the last applied migration.
/// </summary>
/// <remarks>
/// It never changes anything: its connection cannot write (SQLite read-only mode, PostgreSQL
/// <c>default_transaction_read_only</c>). It takes no migration lock (SQLite's is a row, so taking it would be a
/// write); instead the history and the tables are read in one read transaction, and since every migration commits its
/// schema change and its history row together, a migration running meanwhile is seen wholly or not at all.
/// </remarks>
internal static class SchemaChecker
{
    public const string RootSpanName = "Checking schema";

    /// <exception cref="DatabaseAheadException">The database has applied migrations this build does not know.</exception>
    public static async Task<SchemaCheckResult> RunAsync(DatabaseTarget target, DatabaseConnector connector, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        using var root = MigrationTelemetry.StartRoot(RootSpanName, target, "check");
        try
        {
            var result = await connector.ExistsAsync(cancellationToken)
                ? await CompareAsync(target, cancellationToken)
                : new SchemaCheckResult(target.Description, MigrationTarget.Base, [], Exists: false);
            root?.SetTag("migrations.current", result.Current);
            root?.SetTag("schema.differences", result.Differences.Count);
            return result with { Elapsed = elapsed.Elapsed };
        }
        catch (Exception exception)
        {
            root.RecordFailure(exception);
            throw;
        }
    }

    private static async Task<SchemaCheckResult> CompareAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<PlayersDbContext>().UsePlayersDatabase(target with { ConnectionString = ReadOnly(target) });
        await using var db = new PlayersDbContext(options.Options);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await BeginReadAsync(db, cancellationToken);

        var migrations = new MigrationModels(db);
        var tables = migrations.OwnedTables();
        var found = LiveSchema.Read(db, tables);

        // Read last: on PostgreSQL EF reads a missing history table by catching the error, which voids the transaction
        // for any later statement. The snapshot was taken by the first read all the same.
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var unknown = applied.Except(PlayersMigrator.MigrationIds, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseAheadException(unknown);
        }

        var current = MigrationStatus.CurrentOf(applied);
        var expected = migrations.TablesAt(current);
        var differences = tables
            .SelectMany(table => TableShape.Differences(table, expected.GetValueOrDefault(table), found.GetValueOrDefault(table)))
            .ToList();
        return new SchemaCheckResult(target.Description, current, differences);
    }

    private static string ReadOnly(DatabaseTarget target) => target.Engine == DatabaseEngine.Sqlite
        ? new SqliteConnectionStringBuilder(target.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString
        : ReadOnlyPostgres(new NpgsqlConnectionStringBuilder(target.ConnectionString));

    private static string ReadOnlyPostgres(NpgsqlConnectionStringBuilder builder)
    {
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        builder.Pooling = false;
        return builder.ConnectionString;
    }

    // SQLite's deferred BEGIN takes no write lock (EF's would be IMMEDIATE); PostgreSQL's repeatable read keeps one snapshot.
    private static async Task<DbTransaction> BeginReadAsync(PlayersDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return transaction;
    }
}
