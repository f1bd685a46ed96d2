using Aspire.Hosting.ApplicationModel;

namespace Players.Tests.Distributed;

/// <summary>A worker that cannot migrate must keep the API from ever starting on the wrong schema.</summary>
[Trait("Tier", "Process")]
public sealed class FailedMigrationTests
{
    [Fact]
    public async Task An_unknown_migration_target_makes_the_worker_exit_2_and_the_api_never_start()
    {
        using var data = new TemporaryDataDirectory();
        await using var app = await PlayersAppHost.StartAsync(new PlayersAppHostOptions(data.Path) { MigrationTarget = "NoSuchMigration" });

        var migrations = await app.WaitForMigrationsToFinishAsync();
        // Either outcome ends the wait, so that a worker that wrongly succeeds fails this test at once.
        var api = await app.Notifications.WaitForResourceAsync(
                PlayersAppHost.Api,
                update => update.Snapshot.State?.Text == KnownResourceStates.FailedToStart || update.Snapshot.State?.Text == KnownResourceStates.Running)
            .WaitAsync(PlayersAppHost.WaitTimeout);

        if (migrations.Snapshot.ExitCode != 2)
        {
            Assert.Fail($"The worker exited {migrations.Snapshot.ExitCode}, not 2:\n{await app.ReadMigrationsLogAsync()}");
        }
        Assert.Equal(KnownResourceStates.FailedToStart, api.Snapshot.State?.Text);
        Assert.DoesNotContain(KnownResourceStates.Running, app.Timeline.StatesOf(PlayersAppHost.Api));
        Assert.Null(api.Snapshot.StartTimeStamp);
    }
}
