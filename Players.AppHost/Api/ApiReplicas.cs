using System.Globalization;
using Players.AppHost.Database;
using Players.Contracts;

namespace Players.AppHost.Api;

/// <summary>
/// <c>Players:Api:Replicas</c>: how many API processes run mode starts behind Aspire's proxy (default 1). The change
/// channel keeps their cached lists coherent; the proxy balances per TCP connection, not per request (aspire#6640).
/// </summary>
internal static class ApiReplicas
{
    private const string ConfigurationKey = AppHostSettings.ApiReplicasKey;

    /// <summary>The API's default pool size, which one replica keeps (bench/README.md says why 16).</summary>
    public const int MaxPoolSize = 16;

    /// <summary>
    /// Connections the API replicas may hold together: PostgreSQL's default max_connections of 100 (the local server's
    /// and the container's), less its 3 reserved for superusers and 7 for the worker, health checks and a psql.
    /// </summary>
    public const int ConnectionBudget = 90;

    /// <summary>
    /// Runs the configured number of replicas; the manifest carries no replica count (aspire#2629), so publish mode
    /// ignores it. SQLite takes one replica only: its single writer lock would serialize them, and replicas exist to scale.
    /// </summary>
    /// <exception cref="AppHostRefusedException">More than one replica on SQLite, or more than PostgreSQL can connect.</exception>
    public static IResourceBuilder<ProjectResource> WithApiReplicas(
        this IResourceBuilder<ProjectResource> api, int replicas, PlayersDatabase database)
    {
        if (api.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return api;
        }

        if (database.Postgres is not null)
        {
            api.WithSetting(ApiSettings.MaxPoolSize, PoolSizeFor(replicas).ToString(CultureInfo.InvariantCulture));
        }

        if (replicas == 1)
        {
            return api;
        }

        return database.Postgres is not null
            ? api.WithReplicas(replicas)
            : throw new AppHostRefusedException(
                $"{ConfigurationKey}={replicas} needs PostgreSQL: on SQLite the API runs as one process (one writer lock). "
                + $"Leave {ConfigurationKey} unset, or run on PostgreSQL ({AppHostSettings.DatabaseKey}=postgres).");
    }

    /// <summary>
    /// Each replica's pool, so that every pool and every replica's change listener fit in <see cref="ConnectionBudget"/>
    /// together: an overcommitted server refuses connections, and requests then spend their retry budget waiting.
    /// </summary>
    /// <exception cref="AppHostRefusedException">Not even one pooled connection per replica fits.</exception>
    public static int PoolSizeFor(int replicas)
    {
        var size = Math.Min(MaxPoolSize, (ConnectionBudget / replicas) - 1);
        return size >= 1
            ? size
            : throw new AppHostRefusedException(
                $"{ConfigurationKey}={replicas} needs more connections than PostgreSQL's max_connections of 100 allows "
                + $"(each replica holds a pool and a listener): run at most {(ConnectionBudget / 2)} replicas.");
    }
}
