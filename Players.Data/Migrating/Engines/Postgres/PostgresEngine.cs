using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;
using Microsoft.Extensions.Logging;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Players.Data.Migrating.Lint;
using Players.Data.Migrating.Locking;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// A PostgreSQL database: created by the migrator when missing, and a session advisory lock around each run; each
/// migration announces itself on the change channel from its history script (<see cref="PlayersNpgsqlHistoryRepository"/>).
/// </summary>
internal sealed class PostgresEngine(DatabaseTarget target) : MigrationEngine(target)
{
    public override string SystemName => "postgresql";

    public override string? Namespace => new NpgsqlConnectionStringBuilder(Target.ConnectionString).Database;

    public override string Provider { get; } = typeof(NpgsqlDbContextOptionsBuilder).Assembly.GetName().Name!;

    public override string LockDescription => $"the table lock on __EFMigrationsHistory of {Target.Description}";

    public static PostgresEngine CreateOffline() =>
        new(new DatabaseTarget(DatabaseEngine.PostgreSql, "Host=localhost", "PostgreSQL (offline)", DatabaseSource.Default));

    public override Task<bool> ExistsAsync(TimeSpan connectBudget, ILogger logger, CancellationToken cancellationToken) =>
        new PostgresConnector(Target, connectBudget, logger).ExistsAsync(cancellationToken);

    public override Task CreateAsync(TimeSpan connectBudget, ILogger logger, CancellationToken cancellationToken) =>
        new PostgresConnector(Target, connectBudget, logger).CreateAsync(cancellationToken);

    public override async Task<IAsyncDisposable?> AcquireRunLockAsync(LockWaitBudget locks, ILogger logger, CancellationToken cancellationToken) =>
        await PostgresRunLock.AcquireAsync(Target, locks, logger, cancellationToken);

    /// <summary>Never needed: both locks end with their session, so a killed migrator leaves none behind.</summary>
    public override Task<UnlockResult> UnlockAsync(ILogger logger, CancellationToken cancellationToken) =>
        Task.FromResult(UnlockResult.NotApplicable);

    // Npgsql finds out whether the history exists by reading it, which fails on a new database: look first.
    public override async Task<IReadOnlyList<string>> ReadAppliedMigrationsAsync(PlayersDbContext db, CancellationToken cancellationToken) =>
        await HistoryExistsAsync(db, cancellationToken) ? await base.ReadAppliedMigrationsAsync(db, cancellationToken) : [];

    // Npgsql's migrator reads the history before EF creates it: on a new database that statement fails (an Error log
    // and span on a clean run). Created first, under the run lock, it cannot.
    public override async Task MigrateAsync(PlayersDbContext db, string migrationId, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(history.CreateIfNotExistsAsync, cancellationToken);
        await base.MigrateAsync(db, migrationId, cancellationToken);
    }

    public override string? ScriptRefusal(bool idempotent) => null;

    public override IEnumerable<LintFinding> Lint(LintStep step, MigrationOperation operation) => PostgresLintRules.Check(step, operation);

    public override MigrationEngine ReadOnly()
    {
        var builder = new NpgsqlConnectionStringBuilder(Target.ConnectionString) { Pooling = false };
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return new PostgresEngine(Target with { ConnectionString = builder.ConnectionString });
    }

    // Repeatable read keeps one snapshot for every statement of the transaction.
    public override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    public override string TableExistsSql(string tableNameLiteral) =>
        $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {tableNameLiteral}";

    public override void CompleteLiveSchema(DbConnection connection, DbTransaction? transaction, DatabaseModel database) =>
        PostgresDefaults.Read(database);

    // The migrator's own contexts retry what may pass and bound each lock wait; the tools' (dotnet ef, check) keep
    // Npgsql's default, which allows the transactions they begin themselves.
    protected override void UseProvider(DbContextOptionsBuilder options, LockWaitBudget? locks)
    {
        options.UseNpgsql(Target.ConnectionString, npgsql =>
            {
                if (locks is not null)
                {
                    npgsql.ExecutionStrategy(dependencies => new PostgresMigrationRetries(dependencies, locks, Target.Description));
                }
            })
            .ReplaceService<IHistoryRepository, PlayersNpgsqlHistoryRepository>();
        if (locks is not null)
        {
            options.AddInterceptors(new PostgresLockWaits(Target.ConnectionString, locks));
        }
    }

    private static Task<bool> HistoryExistsAsync(PlayersDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<bool>($"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);
}
