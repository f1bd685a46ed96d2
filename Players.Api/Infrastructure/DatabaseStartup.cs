using Players.Data;
using Players.Data.Migrating;

namespace Players.Api.Infrastructure;

/// <summary>
/// Standalone start-up: say which database the API uses and, when <c>Players:MigrateOnStartup</c> holds, bring its
/// schema to the latest migration. The migration itself is Players.Data's shared migrator, as in the worker.
/// </summary>
public static partial class DatabaseStartup
{
    public const string MigrateOnStartupKey = "Players:MigrateOnStartup";

    public sealed record Settings(DatabaseTarget Target, bool MigrateOnStartup)
    {
        /// <summary>Migrating on start-up defaults to true standalone and to false under Aspire, where the worker migrates.</summary>
        public static Settings From(IConfiguration configuration, DatabaseTarget target) =>
            new(target, configuration.GetValue(MigrateOnStartupKey, target.Source != DatabaseSource.AspireConnectionString));
    }

    public static async Task MigrateDatabaseOnStartupAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Settings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup).FullName!);
        LogStartup(logger, settings.Target.Description, settings.MigrateOnStartup);
        if (settings.MigrateOnStartup)
        {
            // The shared migrator creates a missing PostgreSQL database and holds the migration lock, so API
            // instances starting together (or beside the worker) apply each migration once.
            await app.Services.GetRequiredService<PlayersMigrator>().UpgradeAsync(cancellationToken: app.Lifetime.ApplicationStopping);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Players API database: {Database}; migrate on start-up: {Migrate}")]
    private static partial void LogStartup(ILogger logger, string database, bool migrate);
}
