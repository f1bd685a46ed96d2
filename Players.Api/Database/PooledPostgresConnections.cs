using System.Data.Common;
using Npgsql;
using Players.Contracts;
using Players.Data;

namespace Players.Api.Database;

/// <summary>
/// How the API's pooled PostgreSQL connections are shaped for one-statement requests (bench/README.md has the figures).
/// A keyword the connection string sets keeps its value, whatever it is (behind PgBouncer in transaction mode
/// <c>Max Auto Prepare=0</c> must stay 0): these defaults fill in only the keywords it leaves out.
/// </summary>
internal static class PooledPostgresConnections
{
    /// <summary>
    /// At most this many connections per process; the AppHost sets it per replica below the server's max_connections.
    /// It wins over the connection string's own <c>Maximum Pool Size</c>: it is the per-process budget a deployment chose.
    /// </summary>
    public const string MaxPoolSizeKey = ApiSettings.MaxPoolSize;

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
    public static string ConnectionString(string connectionString, IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new Keywords(builder);

        // These contexts never change session state (no SET, temporary tables or session locks; the migrator's
        // advisory lock lives on a connection of its own), so a returned connection needs no DISCARD ALL.
        if (!given.Sets(Keywords.NoResetOnClose))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Sets(Keywords.MaxAutoPrepare))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!string.IsNullOrWhiteSpace(configuration[MaxPoolSizeKey]) || !given.Sets(Keywords.MaxPoolSize))
        {
            builder.MaxPoolSize = MaxPoolSize(configuration);
        }

        return builder.ConnectionString;
    }

    private static int MaxPoolSize(IConfiguration configuration) =>
        WholeNumberSetting.Read(configuration, MaxPoolSizeKey, DefaultMaxPoolSize, "connections");

    /// <summary>
    /// The keywords a connection string sets, whatever synonym or case it spelled them with: Npgsql writes back only
    /// the keywords it was given, each under its canonical name (the one these constants hold).
    /// </summary>
    private sealed class Keywords(NpgsqlConnectionStringBuilder builder)
    {
        public const string NoResetOnClose = "No Reset On Close";
        public const string MaxAutoPrepare = "Max Auto Prepare";
        public const string MaxPoolSize = "Maximum Pool Size";

        private readonly DbConnectionStringBuilder _written = new() { ConnectionString = builder.ConnectionString };

        public bool Sets(string canonicalKeyword) => _written.ContainsKey(canonicalKeyword);
    }
}
