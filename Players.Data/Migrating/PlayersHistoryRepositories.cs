using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;
using Players.Data.Migrating.Integrity;

namespace Players.Data.Migrating;

// Deriving from the providers' history repositories is the only seam EF offers both to bound the lock wait (EF waits
// for ever, and a stale SQLite lock row hangs every later run, efcore#38958) and to write a checksum in the same batch
// as each history row, on every path that migrates: the migrator, `dotnet ef database update`, and scripts. They live
// in provider-internal namespaces, hence EF1001.
#pragma warning disable EF1001

/// <summary>
/// SQLite's history: the lock row in <c>__EFMigrationsLock</c> waited for within the budget and marked as held by a
/// live process, and each history row written and deleted together with its checksum.
/// </summary>
internal sealed class PlayersSqliteHistoryRepository(HistoryRepositoryDependencies dependencies, IMigrationsAssembly migrations)
    : SqliteHistoryRepository(dependencies)
{
    private readonly ChecksumStamps _stamps = new(dependencies, migrations, DatabaseEngine.Sqlite);

    public override async Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default)
    {
        var databaseLock = await MigrationLockBudget.AcquireAsync(Dependencies.Options, base.AcquireDatabaseLockAsync, cancellationToken);
        return new SqliteLiveLock(databaseLock, this, Dependencies.Connection.DbConnection.DataSource);
    }

    public override string GetInsertScript(HistoryRow row) => base.GetInsertScript(row) + _stamps.StampScript(row.MigrationId);

    public override string GetDeleteScript(string migrationId) => base.GetDeleteScript(migrationId) + _stamps.DeleteScript(migrationId);
}

/// <summary>
/// PostgreSQL's history: the table lock on the history table waited for within the budget, and each history row
/// written and deleted together with its checksum.
/// </summary>
internal sealed class PlayersNpgsqlHistoryRepository(HistoryRepositoryDependencies dependencies, IMigrationsAssembly migrations)
    : NpgsqlHistoryRepository(dependencies)
{
    private readonly ChecksumStamps _stamps = new(dependencies, migrations, DatabaseEngine.PostgreSql);

    public override Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default) =>
        MigrationLockBudget.AcquireAsync(Dependencies.Options, base.AcquireDatabaseLockAsync, cancellationToken);

    public override string GetInsertScript(HistoryRow row) => base.GetInsertScript(row) + _stamps.StampScript(row.MigrationId);

    public override string GetDeleteScript(string migrationId) => base.GetDeleteScript(migrationId) + _stamps.DeleteScript(migrationId);
}

/// <summary>The checksum statements both repositories append: the checksum of the migration as the running code builds it.</summary>
internal sealed class ChecksumStamps(HistoryRepositoryDependencies dependencies, IMigrationsAssembly migrations, DatabaseEngine engine)
{
    private readonly ChecksumTable _table = new(
        dependencies.SqlGenerationHelper, dependencies.TypeMappingSource.GetMapping(typeof(string)), engine);

    public string StampScript(string migrationId) =>
        MigrationChecksum.Of(migrations, migrationId, dependencies.CurrentContext.Context.Database.ProviderName!) is { } checksum
            ? _table.StampScript(migrationId, checksum)
            : "";

    public string DeleteScript(string migrationId) => _table.DeleteScript(migrationId);
}

#pragma warning restore EF1001
