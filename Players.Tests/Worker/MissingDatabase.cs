using Microsoft.Data.Sqlite;
using Npgsql;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>A database that does not exist yet: a SQLite path with no file, or a PostgreSQL name not created.</summary>
public static class MissingDatabase
{
    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine) => engine == DatabaseEngine.Sqlite
        ? new SqliteTestDatabase()
        : new MissingPostgresDatabase(await SharedPostgres.MissingDatabaseAsync("players_worker"));

    public static async Task<bool> ExistsAsync(this TestDatabase database)
    {
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            return File.Exists(new SqliteConnectionStringBuilder(database.Target.ConnectionString).DataSource);
        }

        var builder = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name!);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private sealed class MissingPostgresDatabase(string connectionString) : TestDatabase
    {
        public override DatabaseEngine Engine => DatabaseEngine.PostgreSql;

        public override DatabaseTarget Target { get; } =
            new(DatabaseEngine.PostgreSql, connectionString, "PostgreSQL (missing test database)", DatabaseSource.DatabaseUrl);

        public override string Url
        {
            get
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                var password = builder.Password is null ? "" : $":{Uri.EscapeDataString(builder.Password)}";
                return $"postgresql://{builder.Username}{password}@{builder.Host}:{builder.Port}/{builder.Database}";
            }
        }

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await SharedPostgres.DropDatabaseAsync(connectionString);
        }
    }
}
