using Players.Contracts;
using Players.Data;
using Players.Data.Migrating;

namespace Players.Api.Database;

/// <summary>
/// Start-up: say which database the API uses and, unless <c>Players:MigrateOnStartup</c> is false (as the AppHost
/// sets it, the worker owning the schema there), bring its schema to the latest migration with Players.Data's migrator.
/// A database ahead of this build is served as it is, whether the API migrates or not (ADR 7).
/// </summary>
public static partial class DatabaseStartup
{
    public const string MigrateOnStartupKey = ApiSettings.MigrateOnStartup;

    public sealed record Settings(DatabaseTarget Target, bool MigrateOnStartup)
    {
        /// <summary>True unless configured otherwise, wherever the connection string came from: one rule in every environment.</summary>
        public static Settings From(IConfiguration configuration, DatabaseTarget target) =>
            new(target, configuration.GetValue(MigrateOnStartupKey, defaultValue: true));
    }

    /// <exception cref="DatabaseDivergedException">The database holds migrations of another line of builds; nothing changed.</exception>
    public static async Task MigrateDatabaseOnStartupAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Settings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup).FullName!);
        LogStartup(logger, settings.Target.Description, settings.MigrateOnStartup);
        if (!settings.MigrateOnStartup)
        {
            return;
        }

        try
        {
            // The shared migrator creates a missing PostgreSQL database and holds the migration lock, so API
            // instances starting together (or beside the worker) apply each migration once.
            await app.Services.GetRequiredService<PlayersMigrator>().UpgradeAsync(cancellationToken: app.Lifetime.ApplicationStopping);
        }
        catch (DatabaseAheadException ahead)
        {
            // A newer build migrated it (a rollback to this image, a rolling deployment): this build's schema is all
            // there, so serve it as an API that does not migrate would, its schema check saying Degraded.
            LogServingAhead(logger, string.Join(", ", ahead.UnknownMigrationIds));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Players API database: {Database}; migrate on start-up: {Migrate}")]
    private static partial void LogStartup(ILogger logger, string database, bool migrate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is ahead of this build (unknown: {Unknown}): serving it, migrating nothing")]
    private static partial void LogServingAhead(ILogger logger, string unknown);
}
