using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary>
/// What only the built worker process shows, once each: its exit codes as the process's own, stdout that carries
/// nothing but command output while every log line goes to stderr one line each, and two processes racing for one
/// database. The rules behind these outcomes are in <see cref="WorkerCommandTests"/>, run in process.
/// </summary>
[Trait("Tier", "Process")]
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task A_refused_command_exits_2_with_one_line_on_stderr_and_nothing_on_stdout()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);

        var run = await WorkerProcess.RunAsync(database.Url, "upgrade", "SeedReserves");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Unknown migration target 'SeedReserves'.", run.Errors, StringComparison.Ordinal);
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_migration_that_fails_exits_1()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        Assert.Equal(0, (await WorkerProcess.RunAsync(database.Url, "upgrade", "CreatePlayersTable")).ExitCode);
        await database.AddUserPlayerAsync(squadNumber: 10);

        var run = await WorkerProcess.RunAsync(database.Url, "upgrade");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("squad number 10 is held by Diego Maradona", run.Errors, StringComparison.Ordinal);
        Assert.Equal([Migrations.CreatePlayersTable], await database.AppliedMigrationsAsync());
    }

    [Fact]
    public async Task Script_writes_only_sql_to_stdout_and_exits_0()
    {
        await using var untouched = await MissingDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);

        var run = await WorkerProcess.RunAsync(untouched.Url, "script");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(await untouched.ExistsAsync());

        // The whole of stdout runs as SQL: no log line slipped into it.
        await database.ExecuteAsync(run.Output);
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(Migrations.All, await database.AppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task Two_workers_started_together_apply_each_migration_once(DatabaseEngine engine)
    {
        await using var database = await MissingDatabase.CreateAsync(engine);

        var runs = await Task.WhenAll(WorkerProcess.RunAsync(database.Url), WorkerProcess.RunAsync(database.Url));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Equal(Migrations.All, await database.AppliedMigrationsAsync());
        Assert.Equal(25, await database.PlayerCountAsync());
        Assert.Equal(3, runs.Sum(run => CountOccurrences(run.Errors, "Applying migration")));
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
