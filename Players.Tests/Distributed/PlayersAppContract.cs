using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Aspire.Hosting.ApplicationModel;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Data;
using Players.Data.Seed;
using Players.Tests.Infrastructure;

using Players.Tests.Telemetry;

namespace Players.Tests.Distributed;

/// <summary>
/// What the whole chain under the AppHost promises on either database: the worker, then the API. Each subclass runs
/// every test here against an app of its own.
/// </summary>
[Trait("Tier", "Process")]
public abstract class PlayersAppContract(StartedPlayersApp started)
{
    protected PlayersAppHost App => started.Host;

    [Fact]
    public async Task The_migrations_worker_finishes_with_exit_code_0()
    {
        var migrations = await App.WaitForMigrationsToFinishAsync();

        Assert.Equal(KnownResourceStates.Finished, migrations.Snapshot.State?.Text);
        if (migrations.Snapshot.ExitCode != 0)
        {
            Assert.Fail($"The worker exited {migrations.Snapshot.ExitCode}, not 0:\n{await App.ReadMigrationsLogAsync()}");
        }
    }

    [Fact]
    public async Task The_api_becomes_healthy_only_after_the_migrations_worker_finished()
    {
        await App.WaitForMigrationsToFinishAsync();
        await App.WaitForHealthyApiAsync();

        // The order in which the AppHost published the updates. DCP's own start and stop timestamps can be a few
        // hundred milliseconds late for a process that exits, so they cannot order two events this close.
        var migrationsFinished = App.Timeline.IndexOfFirst(PlayersAppHost.Migrations, s => s.State?.Text == KnownResourceStates.Finished);
        var apiRunning = App.Timeline.IndexOfFirst(PlayersAppHost.Api, s => s.State?.Text == KnownResourceStates.Running);
        var apiHealthy = App.Timeline.IndexOfFirst(PlayersAppHost.Api, s => s.HealthStatus == HealthStatus.Healthy);
        Assert.True(migrationsFinished >= 0 && apiRunning > migrationsFinished && apiHealthy >= apiRunning,
            $"Expected migrations Finished (update #{migrationsFinished}) before api Running (#{apiRunning}) and Healthy (#{apiHealthy}).");
        Assert.Contains(KnownResourceStates.Waiting, App.Timeline.StatesOf(PlayersAppHost.Api));
    }

    [Fact]
    public async Task Get_players_returns_the_25_seeded_players_with_their_uuid_v5_ids()
    {
        await App.WaitForHealthyApiAsync();
        using var client = App.CreateApiClient();

        var players = await client.GetFromJsonAsync<List<PlayerResponse>>("/players/");

        var expected = SeedPlayers.All
            .OrderBy(player => player.SquadNumber)
            .Select(player => (SeedIds.For(player.FirstName, player.LastName), player.SquadNumber, player.LastName));
        Assert.Equal(expected, players!.Select(player => (player.Id, player.SquadNumber, player.LastName)));
    }

    [Fact]
    public async Task A_player_can_be_created_read_and_deleted_through_the_api()
    {
        await App.WaitForHealthyApiAsync();
        using var client = App.CreateApiClient();
        var player = new { firstName = "Nahuel", lastName = "Distributed", position = "Goalkeeper", abbrPosition = "GK", squadNumber = 77 };

        using var created = await client.PostAsJsonAsync("/players/", player);
        using var read = await client.GetAsync("/players/squadnumber/77");
        var readBody = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<PlayerResponse>() : null;
        using var deleted = await client.DeleteAsync("/players/squadnumber/77");
        using var readAfterDelete = await client.GetAsync("/players/squadnumber/77");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Distributed", readBody?.LastName);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readAfterDelete.StatusCode);
    }

    [Fact]
    public async Task The_worker_spans_arrive_over_otlp_at_a_receiver_in_the_test()
    {
        await App.WaitForMigrationsToFinishAsync();
        string[] expected = ["Migrating database", .. MigrationIds().Select(id => $"apply {id}")];

        // The worker flushes before it exits; the receiver may still be reading the last request.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!expected.All(started.WorkerTelemetry.ReceivedTraceContaining) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var missing = expected.Where(name => !started.WorkerTelemetry.ReceivedTraceContaining(name)).ToList();
        Assert.True(missing.Count == 0, $"No span named {string.Join(", ", missing)} arrived.");
    }

    [Fact]
    public async Task A_clean_start_exports_no_error_span_and_no_error_log_from_the_migrations_worker()
    {
        await App.WaitForMigrationsToFinishAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(started.WorkerTelemetry.Spans.Any(span => span.Name == "Migrating database")
                 && started.WorkerTelemetry.Logs.Any(log => log.Body.Contains("3 migration(s) applied", StringComparison.Ordinal)))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var spans = started.WorkerTelemetry.Spans.Where(span => span.Service == PlayersAppHost.Migrations).ToList();
        var logs = started.WorkerTelemetry.Logs.Where(log => log.Service == PlayersAppHost.Migrations).ToList();
        Assert.Contains(spans, span => span.Name == "Migrating database");
        Assert.Contains(logs, log => log.Body.Contains("3 migration(s) applied", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, span => span.StatusCode == ExportedSpan.Error);
        Assert.DoesNotContain(logs, log => log.IsErrorOrWorse);
    }

    private static IEnumerable<string> MigrationIds() =>
        typeof(PlayersDbContext).Assembly.GetTypes()
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    private sealed record PlayerResponse(string Id, string FirstName, string LastName, int SquadNumber);
}
