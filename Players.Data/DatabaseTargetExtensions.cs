using Microsoft.EntityFrameworkCore;
using Players.Data.Migrating.Engines;

namespace Players.Data;

public static class DatabaseTargetExtensions
{
    /// <summary>
    /// Configures the provider the target names; both find their migrations in Players.Data, and both record each
    /// applied migration's checksum with its history row (the migrator, <c>dotnet ef</c> and scripts alike).
    /// </summary>
    public static TBuilder UsePlayersDatabase<TBuilder>(this TBuilder options, DatabaseTarget target)
        where TBuilder : DbContextOptionsBuilder
    {
        MigrationEngine.For(target).Configure(options);
        return options;
    }
}
