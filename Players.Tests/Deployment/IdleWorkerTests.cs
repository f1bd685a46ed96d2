using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Deployment;

/// <summary>
/// The worker as the manifest runs it (<c>Players:Migrations:IdleAfterRun</c>): it migrates once and then stays alive
/// instead of exiting into a platform's restart loop, except when a retry may help.
/// </summary>
[Trait("Tier", "Process")]
public sealed class IdleWorkerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_successful_run_the_worker_stays_alive_idle_and_sigterm_ends_it_with_0()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        using var worker = IdleWorker.Start(database.Url);

        await worker.WaitForConsoleAsync("migrated; idle", Bound);
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.False(worker.HasExited, $"The worker exited {(worker.HasExited ? worker.ExitCode : 0)} instead of staying idle:\n{worker.Console}");
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(0, await worker.StopAsync("TERM", Bound));
    }

    [Fact]
    public async Task A_database_it_cannot_reach_ends_the_worker_with_1_so_the_platform_retries()
    {
        using var worker = IdleWorker.Start(
            "postgresql://players@127.0.0.1:1/players",
            new Dictionary<string, string> { ["Players__Migrations__ConnectTimeoutSeconds"] = "1" });

        Assert.Equal(1, await worker.WaitForExitAsync(Bound));
        Assert.DoesNotContain("idle", worker.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_target_is_logged_and_the_worker_stays_idle_instead_of_looping()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        using var worker = IdleWorker.Start(database.Url, arguments: ["upgrade", "NoSuchMigration"]);

        await worker.WaitForConsoleAsync("no retry can fix this run; idle until stopped", Bound);
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.False(worker.HasExited, $"The worker exited instead of staying idle:\n{worker.Console}");
        Assert.Contains("fail: ", worker.Console, StringComparison.Ordinal);
        Assert.Contains("Unknown migration target 'NoSuchMigration'", worker.Console, StringComparison.Ordinal);
        Assert.Null(await database.PlayerCountAsync());
        Assert.Equal(2, await worker.StopAsync("TERM", Bound));
    }
}
