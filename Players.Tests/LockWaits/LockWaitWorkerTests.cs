using Players.Tests.Worker;

namespace Players.Tests.LockWaits;

/// <summary>The worker as deployed, when a reader outlasts the lock budget: exit 1 and one line on stderr.</summary>
[Trait("Tier", "Process")]
public sealed class LockWaitWorkerTests
{
    [Fact]
    public async Task The_worker_exits_1_with_one_line_naming_the_blocker_when_the_budget_is_spent()
    {
        await using var database = await LockWaitRetryTests.UpgradedDatabaseAsync();
        await using var report = await LongReport.StartAsync(database.Target.ConnectionString);

        var run = await WorkerProcess.RunAsync(
            database.Url,
            new Dictionary<string, string>
            {
                ["Players__Migrations__LockTimeoutSeconds"] = "2",
                ["Players__Migrations__LockWaitMilliseconds"] = "300",
            },
            "downgrade",
            "base");

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Errors.Split('\n'), l => l.Contains("Gave up on", StringComparison.Ordinal) && !l.Contains("failed after", StringComparison.Ordinal));
        Assert.Contains($"pid {report.Pid} (application_name \"{LongReport.ApplicationName}\"", line, StringComparison.Ordinal);
    }
}
