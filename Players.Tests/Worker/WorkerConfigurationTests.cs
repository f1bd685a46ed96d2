namespace Players.Tests.Worker;

/// <summary>
/// Configuration errors stop the worker process before it touches any database: one line on stderr, exit 2, no
/// password — the one refused configuration run as a process; the other refusals run in process
/// (<see cref="WorkerCommandTests"/>, <see cref="SqliteWorkerTests"/>).
/// </summary>
[Trait("Tier", "Process")]
public sealed class WorkerConfigurationTests
{
    [Fact]
    public async Task A_malformed_database_url_exits_2_with_the_password_masked()
    {
        var run = await WorkerProcess.RunAsync("postgresql://players:hunter2@db.example:notaport/players", "upgrade");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Invalid DATABASE_URL 'postgresql://players:***@db.example:notaport/players'", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Errors + run.Output, StringComparison.Ordinal);
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
