using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Lint;
using Players.Data.Migrating.Locking;

namespace Players.Data.Migrating.Engines.Sqlite;

/// <summary>A SQLite file: EF's lock row guards a whole run, and readers see a commit through <c>PRAGMA data_version</c>.</summary>
internal sealed class SqliteEngine(DatabaseTarget target) : MigrationEngine(target)
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public override string SystemName => "sqlite";

    public override string? Namespace => FilePath;

    public override string Provider { get; } = typeof(SqliteDbContextOptionsBuilder).Assembly.GetName().Name!;

    public override string LockDescription => $"the row in __EFMigrationsLock of {Target.Description}";

    private string FilePath => new SqliteConnectionStringBuilder(Target.ConnectionString).DataSource;

    public static SqliteEngine CreateOffline() =>
        new(new DatabaseTarget(DatabaseEngine.Sqlite, "Data Source=:memory:", "SQLite (offline)", DatabaseSource.Default));

    /// <summary>True when the file exists and opens for writing; a missing file is no error (EF creates it).</summary>
    public override Task<bool> ExistsAsync(TimeSpan connectBudget, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return Task.FromResult(false);
        }

        try
        {
            var connectionString = new SqliteConnectionStringBuilder(Target.ConnectionString)
            {
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            return Task.FromResult(true);
        }
        catch (SqliteException exception)
        {
            throw new DatabaseUnreachableException($"Cannot open or create {Target.Description}: {exception.Message}", exception);
        }
    }

    /// <summary>EF's first migration creates the file; here its folder is known to exist, so that it can.</summary>
    public override Task CreateAsync(TimeSpan connectBudget, ILogger logger, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(FilePath);
        return !string.IsNullOrEmpty(folder) && !Directory.Exists(folder)
            ? Task.FromException(new DatabaseUnreachableException($"Cannot open or create {Target.Description}: the folder {folder} does not exist."))
            : Task.CompletedTask;
    }

    /// <summary>None: EF's lock row is taken once for the whole run, and <see cref="SqliteLiveLock"/> marks its holder as alive.</summary>
    public override Task<IAsyncDisposable?> AcquireRunLockAsync(LockWaitBudget locks, ILogger logger, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    public override Task<UnlockResult> UnlockAsync(ILogger logger, CancellationToken cancellationToken) =>
        SqliteUnlock.RunAsync(Target, logger, cancellationToken);

    public override string? ScriptRefusal(bool idempotent) => idempotent
        ? "EF Core cannot write idempotent scripts for SQLite: drop --idempotent, or script for PostgreSQL."
        : null;

    public override IEnumerable<LintFinding> Lint(LintStep step, MigrationOperation operation) => SqliteLintRules.Check(step, operation);

    public override string RunRecordKeyColumn(string delimitedName) => $"{delimitedName} INTEGER PRIMARY KEY AUTOINCREMENT";

    // SQLite keeps no transaction start time: a script records when its history row is written (the migration's
    // end), in the text form EF's literals of a DateTime take, and no duration.
    public override string ScriptStartedAtSql => "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    public override string? ScriptDurationMillisecondsSql => null;

    public override MigrationEngine ReadOnly() => new SqliteEngine(Target with
    {
        ConnectionString = new SqliteConnectionStringBuilder(Target.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString,
    });

    // A deferred BEGIN takes no write lock (EF's would be IMMEDIATE); the first read fixes the snapshot.
    public override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override string TableExistsSql(string tableNameLiteral) =>
        $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = {tableNameLiteral}";

    public override void CompleteLiveSchema(DbConnection connection, DbTransaction? transaction, DatabaseModel database) =>
        SqliteIndexFilters.Read(connection, transaction, database);

    /// <exception cref="MigrationLockTimeoutException">Another connection held the write lock for what is left of the lock budget.</exception>
    public override async Task MigrateAsync(PlayersDbContext db, string migrationId, CancellationToken cancellationToken)
    {
        try
        {
            await base.MigrateAsync(db, migrationId, cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new MigrationLockTimeoutException(
                $"Gave up after {db.Database.GetCommandTimeout()} s waiting for the write lock of {Target.Description} "
                + $"(the lock budget, {MigratorBudgets.LockKey}): another connection kept writing to it. Let it finish, then run again.",
                exception);
        }
    }

    // SQLite has no transient failures to retry. The migrator's statements wait for the write lock (Microsoft.Data.Sqlite
    // retries a busy database for the command timeout) no longer than what is left of the run's lock budget.
    protected override void UseProvider(DbContextOptionsBuilder options, LockWaitBudget? locks) =>
        options.UseSqlite(Target.ConnectionString, sqlite =>
            {
                if (locks is not null)
                {
                    sqlite.CommandTimeout((int)Math.Max(1, Math.Ceiling(locks.Remaining.TotalSeconds)));
                }
            })
            .ReplaceService<IHistoryRepository, PlayersSqliteHistoryRepository>();
}
