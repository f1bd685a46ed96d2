using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Players.Data.Migrating.Integrity;

/// <summary>The checksums of this build's migrations for each engine, computed offline: no connection is ever opened.</summary>
public static class BuildChecksums
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Sqlite = new(() => Compute(DatabaseEngine.Sqlite));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> PostgreSql = new(() => Compute(DatabaseEngine.PostgreSql));

    /// <summary>Migration id → checksum, oldest first.</summary>
    public static IReadOnlyDictionary<string, string> For(DatabaseEngine engine) =>
        engine == DatabaseEngine.Sqlite ? Sqlite.Value : PostgreSql.Value;

    /// <summary>The checksums of the migrations <paramref name="db"/> would run, for its provider; reuses its services.</summary>
    public static IReadOnlyDictionary<string, string> Of(DbContext db)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var provider = db.Database.ProviderName!;
        return new SortedDictionary<string, string>(
            migrations.Migrations.ToDictionary(pair => pair.Key, pair => MigrationChecksum.Of(migrations.CreateMigration(pair.Value, provider))),
            StringComparer.Ordinal);
    }

    private static IReadOnlyDictionary<string, string> Compute(DatabaseEngine engine)
    {
        // The provider decides what IsSqlite()/IsNpgsql() answer inside a migration; the connection string is never used.
        var target = engine == DatabaseEngine.Sqlite
            ? new DatabaseTarget(engine, "Data Source=:memory:", "SQLite (offline)", DatabaseSource.Default)
            : new DatabaseTarget(engine, "Host=localhost", "PostgreSQL (offline)", DatabaseSource.Default);
        using var db = new PlayersDbContext(new DbContextOptionsBuilder<PlayersDbContext>().UsePlayersDatabase(target).Options);
        return Of(db);
    }
}
