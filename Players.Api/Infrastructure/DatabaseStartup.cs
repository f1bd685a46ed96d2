using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Players.Data;

namespace Players.Api.Infrastructure;

/// <summary>
/// Standalone start-up: say which database the API uses and, when <c>Players:MigrateOnStartup</c> holds, bring its
/// schema to the latest migration. Kept in one place so the shared migrator of Players.Data can replace the body.
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
        if (!settings.MigrateOnStartup)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayersDbContext>();
        await CreateMissingDatabaseAsync(db, app.Lifetime.ApplicationStopping);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            db, static (database, cancellation) => database.Database.MigrateAsync(cancellation), app.Lifetime.ApplicationStopping);
    }

    private static async Task CreateMissingDatabaseAsync(PlayersDbContext db, CancellationToken cancellation)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellation))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellation);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between our check and our CREATE DATABASE: that is what we wanted.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Players API database: {Database}; migrate on start-up: {Migrate}")]
    private static partial void LogStartup(ILogger logger, string database, bool migrate);
}
