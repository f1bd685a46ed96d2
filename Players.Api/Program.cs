using Players.Api;
using Players.Api.Infrastructure;
using Players.Api.Players;
using Players.Data;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddPlayersApi();

    var app = builder.Build();
    app.UsePlayersApi();
    app.MapDefaultEndpoints();
    app.MapPlayerEndpoints();
    app.MapApiDocs();

    await app.MigrateDatabaseOnStartupAsync();
    await app.RunAsync();
    return 0;
}
catch (DatabaseConfigurationException error)
{
    // A configuration mistake deserves one line a person can act on, not a stack trace.
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}

public partial class Program;
