using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Tests.Api;
using Players.Tests.Changes;
using Players.Tests.Distributed;
using Players.Tests.Telemetry;
using Xunit.Abstractions;
using Ids = Players.Tests.Worker.Migrations;

namespace Players.Tests.Commands;

/// <summary>
/// The dashboard's (and the Aspire CLI's) commands on <c>migrations</c>, each running the real worker, through
/// <see cref="ResourceCommandService"/> on one shared app. The API keeps running through every one of them.
/// </summary>
[Trait("Tier", "Process")]
public sealed class MigrationCommandTests(CommandsApp app, ITestOutputHelper output) : IClassFixture<CommandsApp>
{
    private static readonly TimeSpan HealthBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Status_returns_the_status_json_at_once_and_writes_the_table_to_the_workers_console()
    {
        var result = await TimedAsync("status");

        Assert.True(result.Success, result.Message);
        Assert.Equal(CommandResultFormat.Json, result.Data?.Format);
        Assert.True(result.Data!.DisplayImmediately);
        using var status = JsonDocument.Parse(result.Data.Value);
        Assert.Equal(Ids.SeedSubstitutes, status.RootElement.GetProperty("current").GetString());
        Assert.Equal(Ids.All, status.RootElement.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Empty(status.RootElement.GetProperty("pending").EnumerateArray());
        Assert.Equal($"current: {Ids.SeedSubstitutes}; 0 pending", result.Message);
        Assert.Contains($"| {Ids.SeedSubstitutes} | applied (current) |", await app.Host.ReadMigrationsLogAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downgrade_reverts_the_last_migration_the_api_serves_11_players_and_turns_unhealthy_and_upgrade_brings_all_back()
    {
        using var api = app.Host.CreateApiClient();
        await api.ListAsync();

        var downgrade = await TimedAsync("downgrade");

        Assert.True(downgrade.Success, downgrade.Message);
        Assert.StartsWith("Downgraded PostgreSQL", downgrade.Message, StringComparison.Ordinal);
        Assert.Equal([Ids.CreatePlayersTable, Ids.SeedStartingEleven], await app.HistoryAsync());
        ApiReplicas.AssertWithinBound(await api.TimeUntilListAsync(list => list.Count == 11, "11 players remain"), "The downgrade reaching the API's list");
        using (var health = await api.GetAsync("/health"))
        {
            var problem = await health.ReadProblemAsync(503);
            Assert.Contains($"schema current: 1 pending migration(s): {Ids.SeedSubstitutes}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await app.Host.Notifications.WaitForResourceAsync(PlayersAppHost.Api, e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy).WaitAsync(HealthBound);

        var upgrade = await TimedAsync("upgrade");

        Assert.True(upgrade.Success, upgrade.Message);
        Assert.Equal(Ids.All, await app.HistoryAsync());
        ApiReplicas.AssertWithinBound(await api.TimeUntilListAsync(list => list.Count == 25, "25 players are back"), "The upgrade reaching the API's list");
        await app.Host.Notifications.WaitForResourceAsync(PlayersAppHost.Api, e => e.Snapshot.HealthStatus == HealthStatus.Healthy).WaitAsync(HealthBound);
        Assert.Equal(KnownResourceStates.Running, StateOf(PlayersAppHost.Api));
    }

    [Fact]
    public async Task Downgrade_and_upgrade_to_named_targets_move_the_schema_exactly_there()
    {
        var downgrade = await TimedAsync("downgrade", ("target", "CreatePlayersTable"));
        Assert.True(downgrade.Success, downgrade.Message);
        Assert.Equal([Ids.CreatePlayersTable], await app.HistoryAsync());
        Assert.Equal(0L, await app.ScalarAsync("SELECT count(*) FROM players"));

        var upgrade = await TimedAsync("upgrade", ("target", "SeedStartingEleven"));
        Assert.True(upgrade.Success, upgrade.Message);
        Assert.Equal([Ids.CreatePlayersTable, Ids.SeedStartingEleven], await app.HistoryAsync());

        var head = await TimedAsync("upgrade", ("target", "head"));
        Assert.True(head.Success, head.Message);
        Assert.Equal(Ids.All, await app.HistoryAsync());
    }

    [Fact]
    public async Task Reset_loses_players_created_through_the_api_reseeds_25_keeps_prepared_lookups_answering_and_a_builtin_start_afterwards_applies_and_deletes_nothing()
    {
        using var api = app.Host.CreateApiClient();
        (await api.PostJsonAsync("/players/", PlayerBodies.Valid(61).Json())).EnsureSuccessStatusCode().Dispose();
        // Past Npgsql's five uses, so that the lookup runs as a statement prepared on the API's pooled connections.
        for (var i = 0; i < 10; i++)
        {
            (await api.GetAsync("/players/squadnumber/10")).EnsureSuccessStatusCode().Dispose();
        }

        var reset = await TimedAsync("reset");

        Assert.True(reset.Success, reset.Message);
        using (var lookup = await api.GetAsync("/players/squadnumber/10"))
        {
            Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        }

        Assert.Equal(25L, await app.ScalarAsync("SELECT count(*) FROM players"));
        Assert.Equal(0L, await app.ScalarAsync("""SELECT count(*) FROM players WHERE "squadNumber" = 61"""));

        // The dashboard's own Start runs the default upgrade: nothing to apply, nothing reverted or deleted.
        (await api.PostJsonAsync("/players/", PlayerBodies.Valid(62).Json())).EnsureSuccessStatusCode().Dispose();
        var history = await app.ScalarAsync(HistoryWithWriters);
        // The reset's run has just finished too: only a stop after it is the Start's, so the next test finds the worker idle.
        var resetRun = await app.Host.Notifications.WaitForResourceAsync(PlayersAppHost.Migrations, e => e.Snapshot.State?.Text == KnownResourceStates.Finished)
            .WaitAsync(TimeSpan.FromMinutes(2));
        var start = await app.Host.App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(app.Migrations, KnownResourceCommands.StartCommand).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(start.Success, start.Message);
        var finished = await app.Host.Notifications.WaitForResourceAsync(
            PlayersAppHost.Migrations, e => e.Snapshot.State?.Text == KnownResourceStates.Finished && e.Snapshot.StopTimeStamp > resetRun.Snapshot.StopTimeStamp)
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, finished.Snapshot.ExitCode);
        Assert.Equal(history, await app.ScalarAsync(HistoryWithWriters));
        Assert.Equal(26L, await app.ScalarAsync("SELECT count(*) FROM players"));
        (await api.DeleteAsync("/players/squadnumber/62")).EnsureSuccessStatusCode().Dispose();
    }

    [Fact]
    public async Task Script_returns_the_sql_of_the_range_at_once_without_touching_the_database()
    {
        var history = await app.ScalarAsync(HistoryWithWriters);

        var result = await TimedAsync("script", ("from", "SeedStartingEleven"), ("to", "head"));

        Assert.True(result.Success, result.Message);
        Assert.Equal(CommandResultFormat.Text, result.Data?.Format);
        Assert.True(result.Data!.DisplayImmediately);
        Assert.Contains("INSERT INTO players", result.Data.Value, StringComparison.Ordinal);
        Assert.Contains(Ids.SeedSubstitutes, result.Data.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE players", result.Data.Value, StringComparison.Ordinal);
        Assert.Equal(history, await app.ScalarAsync(HistoryWithWriters));
    }

    [Fact]
    public async Task A_target_the_worker_refuses_fails_with_its_exit_code_and_reason_and_changes_nothing()
    {
        var result = await TimedAsync("upgrade", ("target", "CreatePlayersTable"));

        Assert.False(result.Success);
        Assert.StartsWith($"exit 2: Cannot upgrade to {Ids.CreatePlayersTable}: it is below the current migration", result.Message, StringComparison.Ordinal);
        Assert.Equal(Ids.All, await app.HistoryAsync());
        await RestoreAsync();
    }

    [Fact]
    public async Task A_second_command_while_one_runs_is_refused_and_the_commands_are_disabled_meanwhile()
    {
        var first = app.RunAsync("downgrade");
        await app.Host.Notifications.WaitForResourceAsync(PlayersAppHost.Migrations, e => e.Snapshot.State?.Text == KnownResourceStates.Running)
            .WaitAsync(TimeSpan.FromMinutes(1));
        var commandsWhileRunning = app.Host.Notifications.TryGetCurrentState(app.Migrations.Name, out var running) ? running.Snapshot.Commands : [];

        var second = await app.RunAsync("status");

        Assert.False(second.Success);
        Assert.Contains("a migration command is running", second.Message, StringComparison.Ordinal);
        Assert.True((await first).Success);
        Assert.All(commandsWhileRunning.Where(c => c.Name is "status" or "upgrade" or "downgrade" or "reset" or "script" or "unlock"),
            command => Assert.Equal(ResourceCommandState.Disabled, command.State));
        await RestoreAsync();
    }

    [Fact]
    public async Task A_commanded_run_exports_its_spans_with_the_command_to_the_otlp_receiver()
    {
        var before = app.WorkerTelemetry.Spans.Count;

        Assert.True((await TimedAsync("downgrade")).Success);
        await RestoreAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<ExportedSpan> spans;
        do
        {
            spans = [.. app.WorkerTelemetry.Spans.Skip(before)];
            await Task.Delay(100);
        }
        while (!spans.Any(span => span.Name == $"revert {Ids.SeedSubstitutes}") && DateTime.UtcNow < deadline);

        Assert.Contains(spans, span => span.Name == "Migrating database" && span.Attributes.GetValueOrDefault("migrations.command") == "downgrade");
        Assert.Contains(spans, span => span.Name == $"revert {Ids.SeedSubstitutes}");
        Assert.Contains(spans, span => span.Name == $"apply {Ids.SeedSubstitutes}");
        Assert.DoesNotContain(spans, span => span.StatusCode == ExportedSpan.Error);
    }

    [Fact]
    public async Task Unlock_on_postgres_says_there_is_never_a_lock_to_release()
    {
        var result = await TimedAsync("unlock");

        Assert.True(result.Success, result.Message);
        Assert.Contains("never a stale lock to remove", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_failed_command_a_restart_of_the_api_fails_to_start_until_a_worker_run_succeeds_again()
    {
        var commands = app.Host.App.Services.GetRequiredService<ResourceCommandService>();
        var api = app.Host.Resources.Single(resource => resource.Name == PlayersAppHost.Api);
        Assert.False((await TimedAsync("upgrade", ("target", "CreatePlayersTable"))).Success);

        await commands.ExecuteCommandAsync(api, KnownResourceCommands.RestartCommand).WaitAsync(TimeSpan.FromMinutes(2));
        var refused = await WaitExplainedAsync(
            app.Host.Notifications.WaitForResourceAsync(PlayersAppHost.Api, e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart),
            "the restarted API to fail to start");

        Assert.Equal(KnownResourceStates.FailedToStart, refused.Snapshot.State?.Text);
        await RestoreAsync();
        await commands.ExecuteCommandAsync(api, KnownResourceCommands.StartCommand).WaitAsync(TimeSpan.FromMinutes(2));
        await app.Host.Notifications.WaitForResourceAsync(PlayersAppHost.Api, e => e.Snapshot.HealthStatus == HealthStatus.Healthy).WaitAsync(HealthBound);
    }

    [Fact]
    public async Task Lint_reports_the_findings_of_a_range_without_touching_the_database()
    {
        var result = await TimedAsync("lint", ("from", "SeedSubstitutes"), ("to", "head"));

        Assert.True(result.Success, result.Message);
        Assert.StartsWith("Linted 1 migration(s)", result.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{Ids.SeedSubstitutes} RS101 warning", result.Data?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_returns_the_recorded_runs_json_newest_first_at_once_and_writes_the_table_to_the_workers_console()
    {
        var result = await TimedAsync("history");

        Assert.True(result.Success, result.Message);
        Assert.Equal(CommandResultFormat.Json, result.Data?.Format);
        Assert.True(result.Data!.DisplayImmediately);
        using var history = JsonDocument.Parse(result.Data.Value);
        var runs = history.RootElement.EnumerateArray().ToList();
        Assert.Superset(Ids.All.ToHashSet(), runs.Where(run => run.GetProperty("direction").GetString() == "apply").Select(run => run.GetProperty("migration").GetString()!).ToHashSet());
        var started = runs.Select(run => run.GetProperty("startedAt").GetDateTime()).ToList();
        Assert.Equal(started.OrderDescending(), started);
        Assert.StartsWith($"{runs.Count} recorded run(s); newest: ", result.Message, StringComparison.Ordinal);
        Assert.Contains("| started (UTC) | run | migration | outcome | took | lock waits | retries | build |", await app.Host.ReadMigrationsLogAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_that_every_applied_migration_matches_this_build()
    {
        var result = await TimedAsync("verify");

        Assert.True(result.Success, result.Message);
        Assert.Contains("All 3 applied migrations match", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_of_a_drifted_database_is_refused_with_exit_3_naming_repair_and_changes_nothing()
    {
        var recorded = await app.ScalarAsync($"""SELECT "Checksum" FROM "__MigrationChecksums" WHERE "MigrationId" = '{Ids.SeedStartingEleven}'""");
        await app.ScalarAsync($"""UPDATE "__MigrationChecksums" SET "Checksum" = 'v1:{new string('0', 64)}' WHERE "MigrationId" = '{Ids.SeedStartingEleven}'""");
        try
        {
            var verify = await TimedAsync("verify");
            var reset = await TimedAsync("reset");

            Assert.False(verify.Success);
            Assert.StartsWith($"exit 3: Checksum drift in {Ids.SeedStartingEleven}", verify.Message, StringComparison.Ordinal);
            Assert.Contains(Ids.SeedStartingEleven, verify.Data?.Value, StringComparison.Ordinal);
            Assert.False(reset.Success);
            Assert.StartsWith($"exit 3: Checksum drift in {Ids.SeedStartingEleven}", reset.Message, StringComparison.Ordinal);
            Assert.Contains("`repair`", reset.Message, StringComparison.Ordinal);
            Assert.Equal(Ids.All, await app.HistoryAsync());
            Assert.Equal(25L, await app.ScalarAsync("SELECT count(*) FROM players"));
        }
        finally
        {
            await app.ScalarAsync($"""UPDATE "__MigrationChecksums" SET "Checksum" = '{recorded}' WHERE "MigrationId" = '{Ids.SeedStartingEleven}'""");
        }

        await RestoreAsync();
    }

    [Fact]
    public async Task Check_names_a_column_altered_by_hand_with_exit_4_and_passes_once_it_is_restored()
    {
        await app.ScalarAsync("ALTER TABLE players ALTER COLUMN team TYPE varchar(50)");
        ExecuteCommandResult altered;
        try
        {
            altered = await TimedAsync("check");
        }
        finally
        {
            await app.ScalarAsync("ALTER TABLE players ALTER COLUMN team TYPE text");
        }

        var restored = await TimedAsync("check");

        Assert.False(altered.Success);
        Assert.Equal("exit 4: players.team: expected text null, found character varying(50) null", altered.Message);
        Assert.Contains("players.team", altered.Data?.Value, StringComparison.Ordinal);
        Assert.True(restored.Success, restored.Message);
        await RestoreAsync();
    }

    // Each history row with the transaction that wrote it: a re-applied or reverted migration changes it.
    private const string HistoryWithWriters =
        """SELECT string_agg("MigrationId" || '@' || xmin::text, ', ' ORDER BY "MigrationId") FROM "__EFMigrationsHistory" """;

    /// <summary>
    /// Waits within <see cref="HealthBound"/>; past it, fails with every state the API and the worker went through,
    /// so that a failure on CI says which transition never came.
    /// </summary>
    private async Task<ResourceEvent> WaitExplainedAsync(Task<ResourceEvent> wait, string what)
    {
        try
        {
            return await wait.WaitAsync(HealthBound);
        }
        catch (TimeoutException)
        {
            var states = new List<string>();
            foreach (var update in app.Host.Timeline.Events.Where(update => update.Resource.Name is PlayersAppHost.Api or PlayersAppHost.Migrations))
            {
                var state = $"{update.Resource.Name} {update.Snapshot.State?.Text} exit={update.Snapshot.ExitCode} health={update.Snapshot.HealthStatus}";
                if (states.Count == 0 || states[^1] != state)
                {
                    states.Add(state);
                }
            }

            throw new TimeoutException($"No {what} within {HealthBound}. States seen, in order:\n{string.Join('\n', states)}");
        }
    }

    private string? StateOf(string resource) =>
        app.Host.Notifications.TryGetCurrentState(app.Host.Resources.Single(r => r.Name == resource).Name, out var state) ? state.Snapshot.State?.Text : null;

    /// <summary>Runs a command and writes its end-to-end time to the test output.</summary>
    private async Task<ExecuteCommandResult> TimedAsync(string command, params (string Name, string Value)[] arguments)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var result = await app.RunAsync(command, arguments);
        output.WriteLine($"{command} {string.Join(' ', arguments.Select(a => $"--{a.Name} {a.Value}"))}: {elapsed.Elapsed.TotalSeconds:0.00} s, {(result.Success ? "ok" : "failed")}: {result.Message}");
        return result;
    }

    /// <summary>Back to head with the worker's last run a success, for the next test.</summary>
    private async Task RestoreAsync()
    {
        var upgrade = await app.RunAsync("upgrade");
        Assert.True(upgrade.Success, upgrade.Message);
        Assert.Equal(Ids.All, await app.HistoryAsync());
    }
}
