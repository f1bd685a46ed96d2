using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data.Migrating.Engines;
using Players.Data.Migrating.Planning;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>
/// The tables each migration of this build leaves behind: the migration's target model (its designer file),
/// finalised for the active provider as EF's migrator finalises it, as a relational model with store types.
/// </summary>
internal sealed class MigrationModels(DbContext db)
{
    private readonly IMigrationsAssembly _assembly = db.GetService<IMigrationsAssembly>();
    private readonly IModelRuntimeInitializer _initializer = db.GetService<IModelRuntimeInitializer>();
    private readonly string _provider = MigrationEngine.Of(db).Provider;

    /// <summary>Every table some migration of this build creates; at <c>base</c> none of them should exist.</summary>
    public IReadOnlyList<string> OwnedTables() =>
        [.. _assembly.Migrations.Keys.SelectMany(id => TablesAt(id).Keys).Distinct(StringComparer.Ordinal)];

    /// <summary>The tables as <paramref name="migrationId"/> leaves them, by name; none at <c>base</c>.</summary>
    public IReadOnlyDictionary<string, TableShape> TablesAt(string migrationId) =>
        migrationId == MigrationTarget.Base
            ? new Dictionary<string, TableShape>()
            : RelationalModelAt(migrationId).Tables.ToDictionary(table => table.Name, TableShape.From);

    private IRelationalModel RelationalModelAt(string migrationId)
    {
        var migration = _assembly.CreateMigration(_assembly.Migrations[migrationId], _provider);
        var target = migration.TargetModel
            ?? throw new InvalidOperationException($"Migration {migrationId} has no target model (its designer file is missing).");
        return _initializer.Initialize(target).GetRelationalModel();
    }
}
