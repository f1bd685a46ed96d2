using Aspire.Hosting.ApplicationModel;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Players.Tests.Distributed;

namespace Players.Tests.Commands;

/// <summary>A command called (as the CLI may) before the worker's start-up run has finished must not replace that run.</summary>
[Trait("Tier", "Process")]
public sealed class CommandDuringStartTests
{
    [Fact]
    public async Task A_command_while_the_start_up_run_is_running_is_refused_and_that_run_still_migrates_to_head()
    {
        using var data = new TemporaryDataDirectory();
        Directory.CreateDirectory(data.Path);
        var early = new TaskCompletionSource<ExecuteCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new PlayersAppHostOptions(data.Path) { Database = AppHostDatabase.Sqlite };

        // Holding SQLite's write lock keeps the start-up run running until the command has been refused.
        await using var holder = new SqliteConnection($"Data Source={options.SqliteFile};Pooling=False");
        await holder.OpenAsync();
        var exclusive = holder.BeginTransaction(deferred: false);
        await using var app = await PlayersAppHost.StartAsync(options with
        {
            BeforeStart = built => _ = Task.Run(async () =>
            {
                try
                {
                    var migrations = built.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == PlayersAppHost.Migrations);
                    await built.ResourceNotifications.WaitForResourceAsync(PlayersAppHost.Migrations, e => e.Snapshot.State?.Text == KnownResourceStates.Running)
                        .WaitAsync(PlayersAppHost.WaitTimeout);
                    early.TrySetResult(await built.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(migrations, "status"));
                }
                catch (Exception exception)
                {
                    early.TrySetException(exception);
                }
                finally
                {
                    exclusive.Rollback();
                }
            }),
        });

        var refused = await early.Task.WaitAsync(PlayersAppHost.WaitTimeout);
        var finished = await app.WaitForMigrationsToFinishAsync();
        await app.WaitForHealthyApiAsync();

        Assert.False(refused.Success, refused.Message);
        Assert.Equal("the worker is Running: a command runs once its current run has finished", refused.Message);
        Assert.Equal(0, finished.Snapshot.ExitCode);
        Assert.Contains("3 migration(s) applied", await app.ReadMigrationsLogAsync(), StringComparison.Ordinal);
    }
}
