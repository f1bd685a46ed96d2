using Npgsql;
using Players.Data;

namespace Players.Api.Database;

/// <summary>
/// How the API's pooled PostgreSQL connections are shaped for one-statement requests (bench/README.md has the figures).
/// </summary>
internal static class PooledPostgresConnections
{
    /// <summary>At most this many connections per process; the AppHost sets it per replica below the server's max_connections.</summary>
    public const string MaxPoolSizeKey = "Players:Database:MaxPoolSize";

    /// <summary>
    /// Enough to keep both cores busy while PostgreSQL shares them: measured against 8, 32 and Npgsql's 100, more
    /// connections only queue in the server, and fewer leave requests waiting for a connection.
    /// </summary>
    public const int DefaultMaxPoolSize = 16;

    /// <summary>
    /// Every statement the API sends (three reads, three writes and their checks, NOTIFY, the health checks) stays
    /// prepared on each connection. A schema change cannot leave one stale: the migrator's notification clears the pool.
    /// </summary>
    public const int MaxAutoPrepare = 16;

    /// <exception cref="DatabaseConfigurationException"><see cref="MaxPoolSizeKey"/> is not a whole number greater than 0.</exception>
    public static string ConnectionString(string connectionString, IConfiguration configuration) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            // These contexts never change session state (no SET, temporary tables or session locks; the migrator's
            // advisory lock lives on a connection of its own), so a returned connection needs no DISCARD ALL.
            NoResetOnClose = true,
            MaxAutoPrepare = MaxAutoPrepare,
            MaxPoolSize = MaxPoolSize(configuration),
        }.ConnectionString;

    private static int MaxPoolSize(IConfiguration configuration) =>
        WholeNumberSetting.Read(configuration, MaxPoolSizeKey, DefaultMaxPoolSize, "connections");
}
