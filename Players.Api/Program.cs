using System.Data.Common;
using Players.Api;
using Players.Api.Auth;
using Players.Api.Database;
using Players.Api.Infrastructure;
using Players.Api.Players;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Lint;

try
{
    // Settings travel with the binary; the current directory stays the caller's, for relative sqlite:/// paths.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddServiceDefaults();
    builder.AddPlayersApi();

    var app = builder.Build();
    app.UsePlayersApi();
    app.MapDefaultEndpoints();
    app.MapPlayerEndpoints();
    app.MapApiDocs();

    await app.MigrateDatabaseOnStartupAsync();
    // A stop (SIGTERM, Ctrl+C) drains the requests in flight and exports the last telemetry before RunAsync returns.
    await app.RunAsync();
    return 0;
}
catch (Exception error) when (error is DatabaseConfigurationException or WriteAccessConfigurationException)
{
    // A configuration mistake deserves one line a person can act on, not a stack trace.
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}
catch (Exception error) when (error is MigrationTargetException or MigrationDriftException or MigrationLintException)
{
    // A refusal changed nothing: the database is ahead of this build (2), it ran other migration code than this
    // build has (3), or a migration to apply failed lint (5). Serving on any of them would hide it.
    await Console.Error.WriteLineAsync($"Start-up migration refused: {error.Message}");
    return error switch
    {
        MigrationDriftException => 3,
        MigrationLintException => 5,
        _ => 2,
    };
}
catch (Exception error) when (error is DatabaseUnreachableException or MigrationLockTimeoutException or DbException)
{
    // Start-up migration failed: the API must not serve on a schema it could not bring up to date.
    await Console.Error.WriteLineAsync($"Start-up migration failed: {error.Message}");
    return 1;
}

public partial class Program;
