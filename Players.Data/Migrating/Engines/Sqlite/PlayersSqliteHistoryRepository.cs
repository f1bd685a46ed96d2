using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Recording;

namespace Players.Data.Migrating.Engines.Sqlite;

// The provider's history repository is EF's only seam both to bound the lock wait and to write a checksum with each
// history row, on every path that migrates (the migrator, `dotnet ef database update`, scripts); it lives in a
// provider-internal namespace, hence EF1001.
#pragma warning disable EF1001

/// <summary>
/// SQLite's history: the lock row in <c>__EFMigrationsLock</c> waited for within the budget and marked as held by a
/// live process, and each history row written and deleted together with its checksum and its run record.
/// </summary>
internal sealed class PlayersSqliteHistoryRepository(HistoryRepositoryDependencies dependencies, IMigrationsAssembly migrations)
    : SqliteHistoryRepository(dependencies)
{
    private readonly ChecksumStamps _stamps = new(dependencies, migrations);
    private readonly RunRecordStamps _records = new(dependencies);

    public override async Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default)
    {
        var databaseLock = await MigrationLockBudget.AcquireAsync(Dependencies.Options, base.AcquireDatabaseLockAsync, cancellationToken);
        return new SqliteLiveLock(databaseLock, this, Dependencies.Connection.DbConnection.DataSource);
    }

    public override string GetInsertScript(HistoryRow row) =>
        base.GetInsertScript(row) + _stamps.StampScript(row.MigrationId) + _records.AppliedScript(row.MigrationId);

    public override string GetDeleteScript(string migrationId) =>
        base.GetDeleteScript(migrationId) + _stamps.DeleteScript(migrationId) + _records.RevertedScript(migrationId);
}

#pragma warning restore EF1001
