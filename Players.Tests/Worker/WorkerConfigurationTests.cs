namespace Players.Tests.Worker;

/// <summary>Configuration errors stop the worker before it touches any database: one line, exit 2, no password.</summary>
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

    [Fact]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0()
    {
        var run = await WorkerProcess.RunAsync("sqlite:///unused.db", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("usage: Players.MigrationService", run.Output, StringComparison.Ordinal);
    }
}
