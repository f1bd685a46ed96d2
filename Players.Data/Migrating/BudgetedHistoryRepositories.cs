using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Players.Data.Migrating;

// EF's providers wait for the migration lock for ever (a stale SQLite lock row hangs every later run, efcore#38958);
// deriving from their history repositories is the only seam EF offers to bound that wait. They live in
// provider-internal namespaces, hence EF1001.
#pragma warning disable EF1001

/// <summary>SQLite's lock row in <c>__EFMigrationsLock</c>, waited for within the budget, and marked as held by a live process.</summary>
internal sealed class BudgetedSqliteHistoryRepository(HistoryRepositoryDependencies dependencies)
    : SqliteHistoryRepository(dependencies)
{
    public override async Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default)
    {
        var databaseLock = await MigrationLockBudget.AcquireAsync(Dependencies.Options, base.AcquireDatabaseLockAsync, cancellationToken);
        return new SqliteLiveLock(databaseLock, this, Dependencies.Connection.DbConnection.DataSource);
    }
}

/// <summary>PostgreSQL's table lock on the history table, waited for within the budget.</summary>
internal sealed class BudgetedNpgsqlHistoryRepository(HistoryRepositoryDependencies dependencies)
    : NpgsqlHistoryRepository(dependencies)
{
    public override Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default) =>
        MigrationLockBudget.AcquireAsync(Dependencies.Options, base.AcquireDatabaseLockAsync, cancellationToken);
}

#pragma warning restore EF1001
