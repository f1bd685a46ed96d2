using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Players.Data;

/// <summary>
/// The one rule every process (API, worker, <c>dotnet ef</c>) uses to choose its database:
/// <c>ConnectionStrings:playersdb</c> (Aspire), else <c>DATABASE_URL</c>, else <c>players-sqlite3.db</c> here.
/// </summary>
public static class DatabaseSelection
{
    public const string ConnectionName = "playersdb";
    public const string DatabaseUrlKey = "DATABASE_URL";
    public const string DefaultSqliteFile = "players-sqlite3.db";

    /// <param name="configuration">Where <c>ConnectionStrings:playersdb</c> and <c>DATABASE_URL</c> are read.</param>
    /// <param name="baseDirectory">What a relative SQLite path is relative to; the current directory by default.</param>
    /// <exception cref="DatabaseConfigurationException">The configured value cannot be used.</exception>
    public static DatabaseTarget Resolve(IConfiguration configuration, string? baseDirectory = null)
    {
        baseDirectory ??= Environment.CurrentDirectory;
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromNpgsqlConnectionString(connectionString);
        }

        var url = configuration[DatabaseUrlKey];
        if (!string.IsNullOrWhiteSpace(url))
        {
            return DatabaseUrl.Parse(url.Trim(), baseDirectory);
        }

        return DatabaseUrl.SqliteFile(Path.GetFullPath(DefaultSqliteFile, baseDirectory), DatabaseSource.Default);
    }

    private static DatabaseTarget FromNpgsqlConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            throw new DatabaseConfigurationException(
                $"Invalid ConnectionStrings:{ConnectionName} '{DatabaseUrl.Mask(connectionString)}': "
                + "it is not an Npgsql connection string (Host=…;Port=…;Database=…;Username=…;Password=…).");
        }

        var user = string.IsNullOrEmpty(builder.Username) ? "" : $"{builder.Username}@";
        return new DatabaseTarget(
            DatabaseEngine.PostgreSql,
            connectionString,
            $"PostgreSQL {user}{builder.Host}:{builder.Port}/{builder.Database}",
            DatabaseSource.AspireConnectionString);
    }
}
