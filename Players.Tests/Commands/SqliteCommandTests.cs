using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Players.Tests.Changes;
using Players.Tests.Distributed;

namespace Players.Tests.Commands;

/// <summary>The commands on an AppHost running on SQLite, where the API sees the worker's commits through <c>data_version</c>.</summary>
/// <remarks>On the shared SQLite app: the upgrade leaves it at head with the 25 players, as the test found it.</remarks>
[Collection(SqliteAppCollection.Name)]
[Trait("Tier", "Process")]
public sealed class SqliteCommandTests(StartedSqliteApp started)
{
    [Fact]
    public async Task On_sqlite_a_downgrade_and_an_upgrade_reach_the_api_within_a_second_and_unlock_finds_no_lock()
    {
        var app = started.Host;
        await app.WaitForMigrationsToFinishAsync();
        await app.WaitForHealthyApiAsync();
        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        var migrations = app.Resources.Single(resource => resource.Name == PlayersAppHost.Migrations);
        using var api = app.CreateApiClient();
        await api.ListAsync();

        var downgrade = await commands.ExecuteCommandAsync(migrations, "downgrade").WaitAsync(TimeSpan.FromMinutes(2));
        var eleven = await api.TimeUntilListAsync(list => list.Count == 11, "11 players remain");
        var upgrade = await commands.ExecuteCommandAsync(migrations, "upgrade").WaitAsync(TimeSpan.FromMinutes(2));
        var all = await api.TimeUntilListAsync(list => list.Count == 25, "25 players are back");
        var unlock = await commands.ExecuteCommandAsync(migrations, "unlock").WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(downgrade.Success, downgrade.Message);
        Assert.StartsWith("Downgraded SQLite", downgrade.Message, StringComparison.Ordinal);
        ApiReplicas.AssertWithinBound(eleven, "The downgrade reaching the API's list on SQLite");
        Assert.True(upgrade.Success, upgrade.Message);
        ApiReplicas.AssertWithinBound(all, "The upgrade reaching the API's list on SQLite");
        Assert.True(unlock.Success, unlock.Message);
        Assert.StartsWith("No migration lock to remove in SQLite", unlock.Message, StringComparison.Ordinal);
    }
}
