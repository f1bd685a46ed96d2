using Aspire.Hosting.ApplicationModel;

namespace Players.Tests.Distributed;

/// <summary>The whole chain under the AppHost on PostgreSQL: the server, then the worker, then the API.</summary>
[Collection(PlayersAppCollection.Name)]
[Trait("Tier", "Process")]
public sealed class PlayersAppTests(StartedPlayersApp started) : PlayersAppContract(started)
{
    [Fact]
    public async Task The_app_started_with_no_arguments_brings_every_resource_up()
    {
        await App.Notifications.WaitForResourceHealthyAsync(PlayersAppHost.Postgres).WaitAsync(PlayersAppHost.WaitTimeout);
        await App.Notifications.WaitForResourceHealthyAsync(PlayersAppHost.Database).WaitAsync(PlayersAppHost.WaitTimeout);
        var migrations = await App.WaitForMigrationsToFinishAsync();
        var api = await App.WaitForHealthyApiAsync();

        Assert.Equal(KnownResourceStates.Finished, migrations.Snapshot.State?.Text);
        Assert.Equal(KnownResourceStates.Running, api.Snapshot.State?.Text);
    }
}
