using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Engines;
using Players.Data.Migrating.Planning;
using Players.Data.Migrating.Telemetry;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>
/// Alembic's <c>check</c> turned towards the database: compares every table this build's migrations own, as the
/// database holds it, with the model of the last applied migration.
/// </summary>
/// <remarks>
/// It never changes anything: its connection cannot write (<see cref="MigrationEngine.ReadOnly"/>). It takes no
/// migration lock (SQLite's is a row, so taking it would be a write); instead the history and the tables are read in
/// one read transaction (<see cref="MigrationEngine.BeginSnapshotAsync"/>), and since every migration commits its
/// schema change and its history row together, a migration running meanwhile is seen wholly or not at all.
/// </remarks>
internal static class SchemaChecker
{
    public const string RootSpanName = "Checking schema";

    /// <exception cref="MigrationTargetException">The database is ahead of this build, or diverged from it.</exception>
    public static async Task<SchemaCheckResult> RunAsync(
        MigrationEngine engine, TimeSpan connectBudget, ILogger logger, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        using var root = MigrationTelemetry.StartRoot(RootSpanName, engine, "check");
        try
        {
            var result = await engine.ExistsAsync(connectBudget, logger, cancellationToken)
                ? await CompareAsync(engine.ReadOnly(), cancellationToken)
                : new SchemaCheckResult(engine.Target.Description, MigrationTarget.Base, [], Exists: false);
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

    private static async Task<SchemaCheckResult> CompareAsync(MigrationEngine readOnly, CancellationToken cancellationToken)
    {
        await using var db = readOnly.CreateContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await BeginReadAsync(readOnly, db, cancellationToken);

        var migrations = new MigrationModels(db);
        var tables = migrations.OwnedTables();
        var found = LiveSchema.Read(db, tables);

        // Read last: on PostgreSQL EF reads a missing history table by catching the error, which voids the transaction
        // for any later statement. The snapshot was taken by the first read all the same.
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var status = new MigrationStatus(PlayersMigrator.MigrationIds, applied);
        status.ThrowIfUnknownApplied();
        var current = status.Current;
        var expected = migrations.TablesAt(current);
        var differences = tables
            .SelectMany(table => TableShape.Differences(table, expected.GetValueOrDefault(table), found.GetValueOrDefault(table)))
            .ToList();
        return new SchemaCheckResult(readOnly.Target.Description, current, differences);
    }

    private static async Task<DbTransaction> BeginReadAsync(MigrationEngine engine, PlayersDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await engine.BeginSnapshotAsync(db.Database.GetDbConnection(), cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return transaction;
    }
}
