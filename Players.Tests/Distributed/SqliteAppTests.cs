using Aspire.Hosting.ApplicationModel;

namespace Players.Tests.Distributed;

/// <summary>
/// The whole chain under the AppHost on SQLite (the app that falls back to it where no PostgreSQL can be had): the
/// worker, then the API, on one file.
/// </summary>
[Collection(SqliteAppCollection.Name)]
[Trait("Tier", "Process")]
public sealed class SqliteAppTests(StartedSqliteApp started) : PlayersAppContract(started)
{
    [Fact]
    public async Task The_model_holds_no_postgres_and_both_services_get_one_absolute_sqlite_url()
    {
        var migrations = await App.WaitForMigrationsToFinishAsync();
        var api = await App.WaitForHealthyApiAsync();

        var expectedUrl = $"sqlite:///{started.Options.SqliteFile}";
        Assert.StartsWith("sqlite:////", expectedUrl);
        Assert.Empty(App.Resources.OfType<IResourceWithConnectionString>());
        Assert.Equal([PlayersAppHost.Api, PlayersAppHost.Migrations], App.Resources.OfType<ProjectResource>().Select(resource => resource.Name).Order());
        Assert.Equal(expectedUrl, Environment(migrations, "DATABASE_URL"));
        Assert.Equal(expectedUrl, Environment(api, "DATABASE_URL"));
        Assert.True(File.Exists(started.Options.SqliteFile), $"No SQLite file at {started.Options.SqliteFile}.");
    }

    [Fact]
    public async Task The_api_is_told_not_to_migrate_so_that_the_worker_stays_the_only_schema_writer()
    {
        var migrations = await App.WaitForMigrationsToFinishAsync();
        var api = await App.WaitForHealthyApiAsync();

        Assert.Equal("false", Environment(api, "Players__MigrateOnStartup"));
        Assert.Null(Environment(migrations, "Players__MigrateOnStartup"));
        Assert.Contains("migrate on start-up: False", await App.ReadConsoleAsync(PlayersAppHost.Api), StringComparison.Ordinal);
    }

    /// <summary>The environment DCP started the process with, as the resource's snapshot reports it.</summary>
    private static string? Environment(ResourceEvent update, string name) =>
        update.Snapshot.EnvironmentVariables.SingleOrDefault(variable => variable.Name == name)?.Value;
}
