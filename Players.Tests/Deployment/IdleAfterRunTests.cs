using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Contracts;
using Players.MigrationService;

namespace Players.Tests.Deployment;

/// <summary>
/// The idle rule of the deployed worker, for every exit code, in process: a run that no retry can fix idles like a
/// success and keeps its code when stopped; only a run that could not complete exits at once, so that the platform
/// retries it. <see cref="Reliability.CleanStopTests"/> sends the real signal to the real process for 0, 2 and 3.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class IdleAfterRunTests
{
    private static readonly IConfiguration Deployed = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [WorkerSettings.IdleAfterRun] = "true" })
        .Build();

    [Theory]
    [InlineData(WorkerExitCodes.Success)]
    [InlineData(WorkerExitCodes.UsageError)]
    [InlineData(WorkerExitCodes.Drift)]
    [InlineData(WorkerExitCodes.SchemaDifferences)]
    [InlineData(WorkerExitCodes.LintRefused)]
    public async Task A_run_no_retry_can_fix_idles_until_stopped_and_keeps_its_code(int exitCode)
    {
        using var stopping = new CancellationTokenSource();

        var idle = IdleAfterRun.WaitIfConfiguredAsync(exitCode, Deployed, NullLogger.Instance, stopping.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(idle.IsCompleted, $"exit {exitCode} should have left the worker idle");
        await stopping.CancelAsync();

        Assert.Equal(exitCode, await idle.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_run_that_could_not_complete_exits_at_once_with_1_so_the_platform_retries()
    {
        var exited = IdleAfterRun.WaitIfConfiguredAsync(WorkerExitCodes.Failure, Deployed, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(WorkerExitCodes.Failure, await exited.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
