using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Players.Data.Migrating.Engines;

namespace Players.Data.Migrating.Integrity;

/// <summary>The checksums of this build's migrations for each engine, computed offline: no connection is ever opened.</summary>
public static class BuildChecksums
{
    private static readonly Dictionary<DatabaseEngine, Lazy<IReadOnlyDictionary<string, string>>> ByEngine =
        MigrationEngine.Offline.ToDictionary(engine => engine.Target.Engine, engine => new Lazy<IReadOnlyDictionary<string, string>>(() => Compute(engine)));

    /// <summary>Migration id → checksum, oldest first.</summary>
    public static IReadOnlyDictionary<string, string> For(DatabaseEngine engine) => ByEngine[engine].Value;

    /// <summary>The checksums of the migrations <paramref name="db"/> would run, for its provider; reuses its services.</summary>
    public static IReadOnlyDictionary<string, string> Of(DbContext db)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var provider = MigrationEngine.Of(db).Provider;
        return new SortedDictionary<string, string>(
            migrations.Migrations.ToDictionary(pair => pair.Key, pair => MigrationChecksum.Of(migrations.CreateMigration(pair.Value, provider))),
            StringComparer.Ordinal);
    }

    // The provider decides what IsSqlite()/IsNpgsql() answer inside a migration; the connection string is never used.
    internal static IReadOnlyDictionary<string, string> Compute(MigrationEngine engine)
    {
        using var db = engine.CreateContext();
        return Of(db);
    }
}
