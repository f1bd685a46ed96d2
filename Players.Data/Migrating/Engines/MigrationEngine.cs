using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Engines.Postgres;
using Players.Data.Migrating.Engines.Sqlite;
using Players.Data.Migrating.Lint;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Recording;

namespace Players.Data.Migrating.Engines;

/// <summary>
/// Everything the migrator does differently on each database engine, one subclass per engine, as Flyway's per-vendor
/// database classes and Atlas's per-dialect drivers (docs/adr/0013-an-engine-seam-in-the-migrator.md). The rest of
/// the migrator asks its engine and never asks which engine it is.
/// </summary>
internal abstract class MigrationEngine(DatabaseTarget target)
{
    /// <summary>The database this engine works on; an <see cref="Offline"/> engine's is never connected to.</summary>
    public DatabaseTarget Target => target;

    /// <summary>One engine of each kind for work that never connects: this build's checksums, <c>migrations.sum</c>.</summary>
    public static IReadOnlyList<MigrationEngine> Offline { get; } = [SqliteEngine.CreateOffline(), PostgresEngine.CreateOffline()];

    /// <summary>OpenTelemetry's <c>db.system</c> for this engine, also the label of its checksums in <c>migrations.sum</c>.</summary>
    public abstract string SystemName { get; }

    /// <summary>OpenTelemetry's <c>db.namespace</c>: the database file or the database name.</summary>
    public abstract string? Namespace { get; }

    /// <summary>The EF Core provider this engine migrates through (its name, as <c>Database.ProviderName</c> gives it); each migration is created for it.</summary>
    public abstract string Provider { get; }

    /// <summary>EF's migration lock as a message names it when the wait for it outlasts the lock budget.</summary>
    public abstract string LockDescription { get; }

    public static MigrationEngine For(DatabaseTarget target) => target.Engine switch
    {
        DatabaseEngine.Sqlite => new SqliteEngine(target),
        DatabaseEngine.PostgreSql => new PostgresEngine(target),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Engine, "Unknown database engine."),
    };

    /// <summary>The engine a context was configured with (<see cref="Configure"/>, as <c>UsePlayersDatabase</c> does).</summary>
    public static MigrationEngine Of(DbContext db) => Of(db.GetService<IDbContextOptions>());

    /// <inheritdoc cref="Of(DbContext)"/>
    public static MigrationEngine Of(IDbContextOptions options) =>
        options.FindExtension<MigratorOptionsExtension>()?.Engine
        ?? throw new InvalidOperationException("The context was not configured with UsePlayersDatabase, so it has no migration engine.");

    /// <summary>
    /// Configures the provider with this engine's history repository, which writes each migration's checksum with its
    /// history row on every path that migrates (the migrator, <c>dotnet ef</c>, scripts).
    /// </summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        UseProvider(options, locks: null);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new MigratorOptionsExtension(this, locks: null));
    }

    /// <summary>
    /// Configures a context of the migrator's own: it retries what may pass, and waits for locks (EF's migration lock,
    /// and those its statements need) within the run's <paramref name="locks"/>.
    /// </summary>
    public void ConfigureToMigrate(DbContextOptionsBuilder options, LockWaitBudget locks, RunRecorder? recorder = null)
    {
        UseProvider(options, locks);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new MigratorOptionsExtension(this, locks, recorder));
    }

    /// <summary>A context configured as every tool configures it; an offline engine's never connects.</summary>
    public PlayersDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<PlayersDbContext>();
        Configure(options);
        return new PlayersDbContext(options.Options);
    }

    /// <summary>
    /// Connects and tells whether the database exists; creates nothing. Retries what may pass within
    /// <paramref name="connectBudget"/> (a server starting up) and fails at once on what will not (bad credentials).
    /// </summary>
    /// <exception cref="DatabaseUnreachableException">The database could not be reached within the budget.</exception>
    public abstract Task<bool> ExistsAsync(TimeSpan connectBudget, ILogger logger, CancellationToken cancellationToken);

    /// <summary>Makes sure a missing database can come into being, without racing another migrator.</summary>
    /// <exception cref="DatabaseUnreachableException">The database cannot be created within the budget.</exception>
    public abstract Task CreateAsync(TimeSpan connectBudget, ILogger logger, CancellationToken cancellationToken);

    /// <summary>
    /// Holds off other migrators for a whole run (reading the current migration, every migration, the checksums), or
    /// null where EF's own migration lock already spans the run.
    /// </summary>
    /// <exception cref="MigrationLockTimeoutException">Another migrator held the lock for what is left of the run's lock budget.</exception>
    public abstract Task<IAsyncDisposable?> AcquireRunLockAsync(LockWaitBudget locks, ILogger logger, CancellationToken cancellationToken);

    /// <summary><c>unlock</c>: removes a migration lock that a killed migrator left behind, never one a running migration holds.</summary>
    public abstract Task<UnlockResult> UnlockAsync(ILogger logger, CancellationToken cancellationToken);

    /// <summary>The applied migrations, oldest first; none when there is no history yet. Reads only.</summary>
    public virtual async Task<IReadOnlyList<string>> ReadAppliedMigrationsAsync(PlayersDbContext db, CancellationToken cancellationToken) =>
        [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)];

    /// <summary>Runs EF's migrator to <paramref name="migrationId"/>, inside the caller's execution strategy and run lock.</summary>
    public virtual Task MigrateAsync(PlayersDbContext db, string migrationId, CancellationToken cancellationToken) =>
        db.GetService<IMigrator>().MigrateAsync(migrationId, cancellationToken);

    /// <summary>Why this engine cannot write the script asked for, or null when it can.</summary>
    public abstract string? ScriptRefusal(bool idempotent);

    /// <summary>This engine's own lint rules for an operation of a step (<see cref="MigrationLinter"/> runs the shared ones).</summary>
    public abstract IEnumerable<LintFinding> Lint(LintStep step, MigrationOperation operation);

    /// <summary>The same database on a connection that cannot write, for <c>check</c>.</summary>
    public abstract MigrationEngine ReadOnly();

    /// <summary>Begins the read transaction <c>check</c> reads in: one snapshot of history and tables, and no write lock.</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A query whose scalar is 1 when the table named by the SQL literal exists in the default schema, else 0.</summary>
    public abstract string TableExistsSql(string tableNameLiteral);

    /// <summary>
    /// Mends, for <c>check</c>, what EF's schema reader leaves out or prints its own way on this engine, so that the
    /// live tables compare with a migration's model; reads on <paramref name="connection"/> in <paramref name="transaction"/>.
    /// </summary>
    public abstract void CompleteLiveSchema(DbConnection connection, DbTransaction? transaction, DatabaseModel database);

    /// <summary>The key column of <c>__MigrationRuns</c> (<paramref name="delimitedName"/>): an integer each new row makes larger.</summary>
    public abstract string RunRecordKeyColumn(string delimitedName);

    /// <summary>In a script's run record: when the migration's transaction began, as this engine's SQL can tell (a timestamp or its text).</summary>
    public abstract string ScriptStartedAtSql { get; }

    /// <summary>In a script's run record: the milliseconds since the migration's transaction began, or null where the engine cannot tell.</summary>
    public abstract string? ScriptDurationMillisecondsSql { get; }

    /// <summary>The provider and this engine's history repository; <paramref name="locks"/> is the migrator's run budget, null for a tool's context.</summary>
    protected abstract void UseProvider(DbContextOptionsBuilder options, LockWaitBudget? locks);
}
