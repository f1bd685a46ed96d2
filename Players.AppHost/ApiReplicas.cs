using System.Globalization;
using Microsoft.Extensions.Configuration;
using Players.AppHost.Database;

namespace Aspire.Hosting;

/// <summary>
/// <c>Players:Api:Replicas</c>: how many API processes run mode starts behind Aspire's proxy (default 1). The change
/// channel keeps their cached lists coherent; the proxy balances per TCP connection, not per request (aspire#6640).
/// </summary>
public static class ApiReplicas
{
    public const string ConfigurationKey = "Players:Api:Replicas";

    /// <exception cref="DistributedApplicationException">The setting is not a whole number of at least 1.</exception>
    public static int From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return 1;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas >= 1
            ? replicas
            : throw new DistributedApplicationException($"{ConfigurationKey} must be a whole number of at least 1; it is '{value}'.");
    }

    /// <summary>
    /// Runs the configured number of replicas; the manifest carries no replica count (aspire#2629), so publish mode
    /// ignores it. SQLite takes one replica only: its single writer lock would serialize them, and replicas exist to scale.
    /// </summary>
    /// <exception cref="DistributedApplicationException">More than one replica on SQLite.</exception>
    public static IResourceBuilder<ProjectResource> WithConfiguredReplicas(
        this IResourceBuilder<ProjectResource> api, IConfiguration configuration, PlayersDatabase database)
    {
        var replicas = From(configuration);
        if (replicas == 1 || api.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return api;
        }

        return database.Postgres is not null
            ? api.WithReplicas(replicas)
            : throw new DistributedApplicationException(
                $"{ConfigurationKey}={replicas} needs PostgreSQL: on SQLite the API runs as one process (one writer lock). "
                + $"Leave {ConfigurationKey} unset, or run on PostgreSQL ({PlayersDatabaseSelection.DatabaseKey}=postgres).");
    }
}
