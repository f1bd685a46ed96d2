using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;
using Players.Data.Changes;
using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Recording;

namespace Players.Data.Migrating.Engines.Postgres;

// The provider's history repository is EF's only seam both to bound the lock wait and to write a checksum with each
// history row, on every path that migrates (the migrator, `dotnet ef database update`, scripts); it lives in a
// provider-internal namespace, hence EF1001.
#pragma warning disable EF1001

/// <summary>
/// PostgreSQL's history: the table lock on the history table waited for within the budget, and each history row
/// written and deleted together with its checksum, its run record and the schema-change notification, so that every committed
/// migration announces itself on commit (docs/adr/0015-every-migration-announces-itself.md).
/// </summary>
internal sealed class PlayersNpgsqlHistoryRepository(HistoryRepositoryDependencies dependencies, IMigrationsAssembly migrations)
    : NpgsqlHistoryRepository(dependencies)
{
    // NOTIFY rather than SELECT pg_notify(…): the statement is valid both in a plain script and inside the DO block of
    // an idempotent one, where a SELECT without a destination is an error.
    private static readonly string Announcement = ChangeChannel.NotifySql(ChangeChannel.SchemaChanged) + ";\n";

    private readonly ChecksumStamps _stamps = new(dependencies, migrations);
    private readonly RunRecordStamps _records = new(dependencies);

    public override Task<IMigrationsDatabaseLock> AcquireDatabaseLockAsync(CancellationToken cancellationToken = default) =>
        MigrationLockBudget.AcquireAsync(Dependencies.Options, base.AcquireDatabaseLockAsync, cancellationToken);

    public override string GetInsertScript(HistoryRow row) =>
        base.GetInsertScript(row) + _stamps.StampScript(row.MigrationId) + _records.AppliedScript(row.MigrationId) + Announcement;

    public override string GetDeleteScript(string migrationId) =>
        base.GetDeleteScript(migrationId) + _stamps.DeleteScript(migrationId) + _records.RevertedScript(migrationId) + Announcement;
}

#pragma warning restore EF1001
