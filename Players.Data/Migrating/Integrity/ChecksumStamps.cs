using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Integrity;

/// <summary>
/// The checksum statements each engine's history repository appends to EF's history insert and delete, so that a
/// checksum is written and removed in the same batch as its history row: the checksum of the migration as the running
/// code builds it.
/// </summary>
internal sealed class ChecksumStamps
{
    private readonly IMigrationsAssembly _migrations;
    private readonly string _provider;
    private readonly ChecksumTable _table;

    public ChecksumStamps(HistoryRepositoryDependencies dependencies, IMigrationsAssembly migrations)
    {
        var engine = MigrationEngine.Of(dependencies.Options);
        _migrations = migrations;
        _provider = engine.Provider;
        _table = new ChecksumTable(dependencies.SqlGenerationHelper, dependencies.TypeMappingSource.GetMapping(typeof(string)), engine);
    }

    public string StampScript(string migrationId) =>
        MigrationChecksum.Of(_migrations, migrationId, _provider) is { } checksum
            ? _table.StampScript(migrationId, checksum)
            : "";

    public string DeleteScript(string migrationId) => _table.DeleteScript(migrationId);
}
