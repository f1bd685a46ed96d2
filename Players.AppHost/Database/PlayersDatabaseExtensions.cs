using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Players.AppHost.LocalPostgres;
using Players.Contracts;

namespace Players.AppHost.Database;

/// <summary>
/// The players database in every mode: a server named <c>postgres</c> with its database <c>playersdb</c>, or, when no
/// PostgreSQL can be had (or <c>Players:Database=sqlite</c>), one SQLite file and no resource.
/// </summary>
internal static class PlayersDatabaseExtensions
{
    public const string ServerName = "postgres";
    public const string DatabaseName = "playersdb";

    /// <exception cref="AppHostRefusedException">The database asked for cannot be had here, or cannot be published.</exception>
    public static PlayersDatabase AddPlayersDatabase(this IDistributedApplicationBuilder builder, AppHostSettings settings) =>
        PlayersDatabaseSelection.Choose(settings, builder.ExecutionContext.IsPublishMode) switch
        {
            DatabaseChoice.PostgresContainer => PlayersDatabase.OnPostgres(builder.AddPostgresContainer()),
            DatabaseChoice.PostgresBinaries local => PlayersDatabase.OnPostgres(
                builder.AddLocalPostgres(ServerName, local.BinDirectory, settings.PostgresDataDirectory).AddDatabase(DatabaseName)),
            DatabaseChoice.SqliteFile sqlite => builder.AddSqliteFile(sqlite),
            _ => throw new UnreachableException(),
        };

    /// <summary>
    /// Gives a service the players database. The one that owns the schema (the worker) waits for a PostgreSQL server;
    /// any other (the API, every replica, run mode and manifest alike) is told not to migrate, which it otherwise does
    /// at start-up, so the worker stays the only writer of the schema (ADR 5).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlayersDatabase(
        this IResourceBuilder<ProjectResource> service, PlayersDatabase database, bool ownsSchema)
    {
        if (!ownsSchema)
        {
            service.WithSetting(ApiSettings.MigrateOnStartup, "false");
        }

        if (database.Postgres is { } playersdb)
        {
            service.WithReference(playersdb);
            return ownsSchema ? service.WaitFor(playersdb) : service;
        }

        return service.WithEnvironment("DATABASE_URL", database.SqliteUrl);
    }

    /// <summary>Passes the worker its upgrade target when there is one; without it the worker upgrades to head.</summary>
    public static IResourceBuilder<ProjectResource> WithMigrationTarget(this IResourceBuilder<ProjectResource> worker, string? target) =>
        target is null ? worker : worker.WithSetting(WorkerSettings.Target, target);

    private static IResourceBuilder<IResourceWithConnectionString> AddPostgresContainer(this IDistributedApplicationBuilder builder)
    {
        var password = builder.AddParameter(
            $"{ServerName}-password",
            new GenerateParameterDefault { MinLength = 24, Special = false },
            secret: true,
            persist: true);
        return builder.AddPostgres(ServerName, password: password).AddDatabase(DatabaseName);
    }

    private static PlayersDatabase AddSqliteFile(this IDistributedApplicationBuilder builder, DatabaseChoice.SqliteFile sqlite)
    {
        // SQLite creates a missing file but not a missing folder.
        Directory.CreateDirectory(Path.GetDirectoryName(sqlite.Path)!);
        if (sqlite.Warning is { } warning)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
            {
                @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Players.AppHost").LogWarning("{Warning}", warning);
                return Task.CompletedTask;
            });
        }

        return PlayersDatabase.OnSqlite(sqlite.Path);
    }
}
