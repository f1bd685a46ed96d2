using Players.Tests.Distributed;

namespace Players.Tests.Dashboard;

/// <summary>The dashboard of the shared SQLite app (<see cref="StartedSqliteApp"/>), as a person sees it in a browser.</summary>
[Collection(SqliteAppCollection.Name)]
[Trait("Tier", "Browser")]
public sealed class SqliteDashboardTests(StartedSqliteApp started)
{
    [Fact]
    public async Task On_sqlite_the_dashboard_shows_the_worker_and_the_api_the_finished_worker_and_its_migration_trace() =>
        await DashboardTests.ShowsResourcesAndMigrationTraceAsync(started, screenshotPrefix: "sqlite-", ["api", "migrations"]);
}
