using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Players.Contracts;
using Players.MigrationService;
using ThisBuild = Players.Tests.Worker.Migrations;

namespace Players.Tests.Lint;

/// <summary>The worker's <c>lint</c> command, run in process: offline, for the engine the usual selection picks.</summary>
[Trait("Tier", "Fast")]
public sealed class LintCommandTests
{
    private const string SqliteUrl = "sqlite:////nonexistent-players-lint/players.db";
    private const string PostgresUrl = "postgresql://nobody@127.0.0.1:1/players_lint";

    [Theory]
    [InlineData(SqliteUrl)]
    [InlineData(PostgresUrl)]
    public async Task Lint_prints_one_line_per_finding_and_exits_0_when_only_allowed_warnings_remain(string url)
    {
        var (exitCode, output) = await RunAsync(url, "lint");

        Assert.Equal(WorkerExitCodes.Success, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"{ThisBuild.SeedStartingEleven} RS101 warning", $"{ThisBuild.SeedSubstitutes} RS101 warning"], lines.Select(line => string.Join(' ', line.Split(' ').Take(3))));
        Assert.All(lines, line => Assert.Contains("Allowed: The seed guard's SQL only reads", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lint_json_prints_the_findings_as_the_contract_shapes_them()
    {
        var (exitCode, output) = await RunAsync(PostgresUrl, "lint", "--json", "--from", "SeedSubstitutes");

        Assert.Equal(WorkerExitCodes.Success, exitCode);
        var finding = Assert.Single(LintDocument.Parse(output)!);
        Assert.Equal((ThisBuild.SeedSubstitutes, "RS101", "warning", true), (finding.Migration, finding.Rule, finding.Severity, finding.Allowed));
        Assert.Contains("\"migration\":", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_and_to_narrow_lint_to_the_migrations_between_them_both_included()
    {
        var (exitCode, output) = await RunAsync(SqliteUrl, "lint", "--from", ThisBuild.CreatePlayersTable, "--to", "seedstartingeleven");

        Assert.Equal(WorkerExitCodes.Success, exitCode);
        Assert.StartsWith($"{ThisBuild.SeedStartingEleven} RS101", Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lint", "--from")]
    [InlineData("lint", "--from", "NoSuchMigration")]
    [InlineData("lint", "--from", "SeedSubstitutes", "--to", "CreatePlayersTable")]
    [InlineData("lint", "extra")]
    public async Task A_bad_lint_command_line_exits_2_printing_nothing(params string[] args)
    {
        var (exitCode, output) = await RunAsync(SqliteUrl, args);

        Assert.Equal(WorkerExitCodes.UsageError, exitCode);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData(SqliteUrl)]
    [InlineData(PostgresUrl)]
    public async Task An_error_no_allowance_covers_exits_5(string url)
    {
        var (exitCode, output) = await RunAsync(url, TestMigrator.Appending(typeof(RequireTeam)), "lint", "--from", "RequireTeam");

        Assert.Equal(WorkerExitCodes.LintRefused, exitCode);
        Assert.StartsWith($"{TestMigrator.IdOf<RequireTeam>()} MF104 error makes column players.team NOT NULL", output, StringComparison.Ordinal);
    }

    internal static Task<(int ExitCode, string Output)> RunAsync(string url, params string[] args) => RunAsync(url, null, args);

    internal static async Task<(int ExitCode, string Output)> RunAsync(
        string url, Action<Microsoft.EntityFrameworkCore.DbContextOptionsBuilder>? configure, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DATABASE_URL"] = url }).Build();
        var worker = new MigrationWorker(configuration, NullLoggerFactory.Instance) { ConfigureMigratorContext = configure };
        var output = new StringWriter();
        var exitCode = await worker.RunAsync(args, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }
}
