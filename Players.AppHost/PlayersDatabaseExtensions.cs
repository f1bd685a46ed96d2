using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Players.AppHost;

namespace Aspire.Hosting;

/// <summary>The resources every mode shares: a server named <c>postgres</c> and its database <c>playersdb</c>.</summary>
public static class PlayersDatabaseExtensions
{
    public const string ServerName = "postgres";
    public const string DatabaseName = "playersdb";
    public const string MigrationTargetKey = "Players:Migrations:Target";

    public static IResourceBuilder<IResourceWithConnectionString> AddPlayersPostgres(this IDistributedApplicationBuilder builder)
    {
        var source = PostgresSourceSelection.Choose(builder.Configuration, builder.ExecutionContext.IsPublishMode);
        if (source == PostgresSource.Container)
        {
            var password = builder.AddParameter(
                $"{ServerName}-password",
                new GenerateParameterDefault { MinLength = 24, Special = false },
                secret: true,
                persist: true);
            return builder.AddPostgres(ServerName, password: password).AddDatabase(DatabaseName);
        }

        return builder.AddLocalPostgres(ServerName).AddDatabase(DatabaseName);
    }

    /// <summary>Passes <c>Players:Migrations:Target</c> to the worker when it is set; without it the worker upgrades to head.</summary>
    public static IResourceBuilder<ProjectResource> WithMigrationTarget(
        this IResourceBuilder<ProjectResource> worker, IConfiguration configuration)
    {
        var target = configuration[MigrationTargetKey];
        return string.IsNullOrWhiteSpace(target)
            ? worker
            : worker.WithEnvironment(MigrationTargetKey.Replace(":", "__", StringComparison.Ordinal), target);
    }
}
