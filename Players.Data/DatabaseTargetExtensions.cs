using Microsoft.EntityFrameworkCore;

namespace Players.Data;

public static class DatabaseTargetExtensions
{
    /// <summary>Configures the provider the target names; both find their migrations in Players.Data.</summary>
    public static TBuilder UsePlayersDatabase<TBuilder>(this TBuilder options, DatabaseTarget target)
        where TBuilder : DbContextOptionsBuilder
    {
        _ = target.Engine switch
        {
            DatabaseEngine.Sqlite => options.UseSqlite(target.ConnectionString),
            DatabaseEngine.PostgreSql => options.UseNpgsql(target.ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Engine, "Unknown database engine."),
        };
        return options;
    }
}
