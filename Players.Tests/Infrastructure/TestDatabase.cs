using Microsoft.EntityFrameworkCore;
using Npgsql;
using Players.Data;

namespace Players.Tests.Infrastructure;

/// <summary>An empty database of its own for one test, on a real engine, removed when disposed.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseEngine Engine { get; }

    public abstract DatabaseTarget Target { get; }

    /// <summary>The same database as a <c>DATABASE_URL</c>, for processes that read it.</summary>
    public abstract string Url { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => new SqliteTestDatabase(),
        DatabaseEngine.PostgreSql => await PostgresTestDatabase.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    public PlayersDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<PlayersDbContext>().UsePlayersDatabase(Target).Options);

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("players-sqlite-");

    public SqliteTestDatabase()
    {
        Target = DatabaseUrl.SqliteFile(FilePath, DatabaseSource.DatabaseUrl);
    }

    public string FilePath => Path.Combine(_directory.FullName, "players.db");

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override DatabaseTarget Target { get; }

    public override string Url => $"sqlite:///{FilePath}";

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _connectionString;

    private PostgresTestDatabase(string connectionString)
    {
        _connectionString = connectionString;
        Target = new DatabaseTarget(DatabaseEngine.PostgreSql, connectionString, "PostgreSQL (test)", DatabaseSource.DatabaseUrl);
    }

    public override DatabaseEngine Engine => DatabaseEngine.PostgreSql;

    public override DatabaseTarget Target { get; }

    public override string Url
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(_connectionString);
            var password = builder.Password is null ? "" : $":{Uri.EscapeDataString(builder.Password)}";
            return $"postgresql://{builder.Username}{password}@{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    public static async Task<PostgresTestDatabase> CreateAsync() =>
        new(await SharedPostgres.CreateDatabaseAsync("players_test"));

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await SharedPostgres.DropDatabaseAsync(_connectionString);
    }
}
