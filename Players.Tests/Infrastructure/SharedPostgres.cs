using Npgsql;

namespace Players.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server most tests share: the server named by <c>PLAYERS_TEST_POSTGRES</c> (a connection
/// string), else one cluster started on first use and removed when the test process exits. Tests never stop it;
/// tests that stop or break PostgreSQL start a <see cref="PostgresCluster"/> of their own.
/// </summary>
public static class SharedPostgres
{
    public const string ConnectionStringVariable = "PLAYERS_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(StartAsync);

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionString.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>A connection string for a database name that does not exist yet on the shared server.</summary>
    public static async Task<string> MissingDatabaseAsync(string prefix) =>
        new NpgsqlConnectionStringBuilder(await AdminConnectionString.Value)
        {
            Database = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant(),
        }.ConnectionString;

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(await AdminConnectionString.Value);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var cluster = await PostgresCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeDetached();
        return cluster.ConnectionString();
    }
}
