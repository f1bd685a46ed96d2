using Microsoft.EntityFrameworkCore;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Integrity;

/// <summary>A database migrated before checksums existed: EF's stock migrator, which writes history rows only.</summary>
public static class OlderDatabase
{
    public static async Task MigrateAsync(TestDatabase database, string targetMigration)
    {
        var options = new DbContextOptionsBuilder<PlayersDbContext>();
        _ = database.Engine == DatabaseEngine.Sqlite
            ? options.UseSqlite(database.Target.ConnectionString)
            : options.UseNpgsql(database.Target.ConnectionString);
        await using var db = new PlayersDbContext(options.Options);
        await db.Database.MigrateAsync(targetMigration);
    }
}
