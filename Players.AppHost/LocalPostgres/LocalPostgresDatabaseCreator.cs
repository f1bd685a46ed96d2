using Npgsql;

namespace Players.AppHost.LocalPostgres;

/// <summary>Creates a server's databases that are missing, as Aspire.Hosting.PostgreSQL does when its server is ready.</summary>
internal static class LocalPostgresDatabaseCreator
{
    private const string DuplicateDatabase = "42P04";

    public static async Task CreateMissingAsync(LocalPostgresResource server, IEnumerable<LocalPostgresDatabaseResource> databases, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await server.ConnectionStringExpression.GetValueAsync(cancellationToken))
        {
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            foreach (var database in databases)
            {
                await CreateIfMissingAsync(connection, database.DatabaseName, cancellationToken);
                database.MarkCreated();
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Each database's health check reports it; those created before the failure stay created.
            foreach (var database in databases)
            {
                database.MarkCreated(exception);
            }
        }
    }

    private static async Task CreateIfMissingAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == DuplicateDatabase)
        {
            // Created by someone else between the lookup and the CREATE: what we wanted.
        }
    }
}
