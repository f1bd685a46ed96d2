using System.Text.Json;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Worker;

/// <summary><c>--result-file PATH</c>: the outcome of a run as JSON, for the AppHost's commands, which cannot read the worker's stdout.</summary>
[Trait("Tier", "Fast")]
public sealed class ResultFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("players-result-");

    private string ResultPath => Path.Combine(_folder.FullName, "result.json");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_successful_run_records_exit_0_its_summary_and_exactly_what_it_printed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);

        var upgrade = await InProcessWorker.RunAsync(database.Url, "upgrade", "--result-file", ResultPath);
        var afterUpgrade = await ReadAsync();
        var status = await InProcessWorker.RunAsync(database.Url, "status", "--json", "--result-file", ResultPath);
        var afterStatus = await ReadAsync();

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Equal(0, afterUpgrade.GetProperty("exitCode").GetInt32());
        Assert.StartsWith($"Upgraded {database.Target.Description} from 0 to {Migrations.SeedSubstitutes}: 3 migration(s) applied",
            afterUpgrade.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("", afterUpgrade.GetProperty("output").GetString());
        Assert.Equal((0, $"current: {Migrations.SeedSubstitutes}; 0 pending", status.Output),
            (afterStatus.GetProperty("exitCode").GetInt32(), afterStatus.GetProperty("message").GetString(), afterStatus.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task A_refused_run_records_its_exit_code_and_the_one_line_reason_it_logged()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);

        var run = await InProcessWorker.RunAsync(database.Url, "upgrade", "NoSuchMigration", "--result-file", ResultPath);
        var result = await ReadAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(2, result.GetProperty("exitCode").GetInt32());
        var reason = result.GetProperty("message").GetString()!;
        Assert.StartsWith("Unknown migration target 'NoSuchMigration'", reason, StringComparison.Ordinal);
        Assert.Contains(reason, run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_option_without_a_file_is_a_usage_error_that_touches_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);

        var run = await InProcessWorker.RunAsync(database.Url, "upgrade", "--result-file");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--result-file needs a file: --result-file PATH.", run.Errors, StringComparison.Ordinal);
        Assert.Null(await database.PlayerCountAsync());
    }

    private async Task<JsonElement> ReadAsync()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(ResultPath));
        return document.RootElement.Clone();
    }
}
