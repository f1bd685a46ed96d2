using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Players.Data.Migrating;

namespace Players.Data;

public static class DatabaseTargetExtensions
{
    /// <summary>
    /// Configures the provider the target names; both find their migrations in Players.Data, and both record each
    /// applied migration's checksum with its history row (the migrator, <c>dotnet ef</c> and scripts alike).
    /// </summary>
    public static TBuilder UsePlayersDatabase<TBuilder>(
        this TBuilder options, DatabaseTarget target, Action<NpgsqlDbContextOptionsBuilder>? npgsql = null)
        where TBuilder : DbContextOptionsBuilder
    {
        _ = target.Engine switch
        {
            DatabaseEngine.Sqlite => options.UseSqlite(target.ConnectionString)
                .ReplaceService<IHistoryRepository, PlayersSqliteHistoryRepository>(),
            DatabaseEngine.PostgreSql => options.UseNpgsql(target.ConnectionString, npgsql)
                .ReplaceService<IHistoryRepository, PlayersNpgsqlHistoryRepository>(),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Engine, "Unknown database engine."),
        };
        return options;
    }
}
