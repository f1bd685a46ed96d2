using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Players.Tests.Distributed;

/// <summary>The SQLite file under the AppHost: kept between runs, and changed in its schema by the worker alone.</summary>
[Trait("Tier", "Process")]
public sealed class SqliteDataTests
{
    private static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_player_created_through_the_api_is_served_again_after_a_restart_of_the_app_on_the_same_data_directory()
    {
        using var data = new TemporaryDataDirectory();
        var options = new PlayersAppHostOptions(data.Path) { Database = AppHostDatabase.Sqlite };
        HttpStatusCode createdStatus;
        string historyAfterFirstRun;
        await using (var first = await PlayersAppHost.StartAsync(options))
        {
            await first.WaitForHealthyApiAsync();
            using var client = first.CreateApiClient();
            using var created = await client.PostAsJsonAsync("/players/", new { firstName = "Kept", lastName = "Between-Runs", position = "Defender", squadNumber = 88 });
            createdStatus = created.StatusCode;
            historyAfterFirstRun = await HistoryAsync(options.SqliteFile);
        }

        await using var second = await PlayersAppHost.StartAsync(options);
        var migrations = await second.WaitForMigrationsToFinishAsync();
        await second.WaitForHealthyApiAsync();
        using var secondClient = second.CreateApiClient();
        var kept = await secondClient.GetFromJsonAsync<PlayerResponse>("/players/squadnumber/88");
        var all = await secondClient.GetFromJsonAsync<List<PlayerResponse>>("/players/");

        Assert.Equal(HttpStatusCode.Created, createdStatus);
        if (migrations.Snapshot.ExitCode != 0)
        {
            Assert.Fail($"The second worker exited {migrations.Snapshot.ExitCode}, not 0:\n{await second.ReadMigrationsLogAsync()}");
        }
        Assert.Contains("nothing to do", await second.ReadMigrationsLogAsync(), StringComparison.Ordinal);
        Assert.Equal(historyAfterFirstRun, await HistoryAsync(options.SqliteFile));
        Assert.Equal("Between-Runs", kept?.LastName);
        Assert.Equal(26, all?.Count);
    }

    [Fact]
    public async Task At_the_target_seed_starting_eleven_the_api_serves_11_players_and_a_restart_of_the_api_applies_nothing()
    {
        using var data = new TemporaryDataDirectory();
        var options = new PlayersAppHostOptions(data.Path) { Database = AppHostDatabase.Sqlite, MigrationTarget = "SeedStartingEleven" };
        await using var app = await PlayersAppHost.StartAsync(options);
        var migrations = await app.WaitForMigrationsToFinishAsync();
        // Running, never healthy: the API's "schema current" check sees SeedSubstitutes pending.
        var firstStart = await WaitForApiRunningAsync(app, startedAfter: null);
        using var client = app.CreateApiClient();
        var beforeRestart = await GetPlayersWhenServedAsync(client);
        var historyBeforeRestart = await HistoryAsync(options.SqliteFile);

        var api = app.Resources.Single(resource => resource.Name == PlayersAppHost.Api);
        var restart = await app.App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(api, KnownResourceCommands.RestartCommand)
            .WaitAsync(PlayersAppHost.WaitTimeout);
        await WaitForApiRunningAsync(app, startedAfter: firstStart.Snapshot.StartTimeStamp);
        var afterRestart = await GetPlayersWhenServedAsync(client);

        if (migrations.Snapshot.ExitCode != 0)
        {
            Assert.Fail($"The worker exited {migrations.Snapshot.ExitCode}, not 0:\n{await app.ReadMigrationsLogAsync()}");
        }
        Assert.True(restart.Success, $"The restart failed: {restart.Message}");
        Assert.Equal(11, beforeRestart.Count);
        Assert.Equal(11, afterRestart.Count);
        Assert.Equal(["20261126041544_CreatePlayersTable", "20261126041608_SeedStartingEleven"], historyBeforeRestart.Split(','));
        Assert.Equal(historyBeforeRestart, await HistoryAsync(options.SqliteFile));
    }

    private static Task<ResourceEvent> WaitForApiRunningAsync(PlayersAppHost app, DateTime? startedAfter) =>
        app.Notifications.WaitForResourceAsync(
                PlayersAppHost.Api,
                update => update.Snapshot.State?.Text == KnownResourceStates.Running && update.Snapshot.StartTimeStamp > (startedAfter ?? DateTime.MinValue))
            .WaitAsync(PlayersAppHost.WaitTimeout);

    /// <summary>The list once the API answers: Running comes before its server listens.</summary>
    private static async Task<List<PlayerResponse>> GetPlayersWhenServedAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + ServeTimeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/players/");
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<List<PlayerResponse>>())!;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"GET /players/ was not answered with a success within {ServeTimeout.TotalSeconds} s.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The applied migrations, in order, read from the file itself.</summary>
    private static async Task<string> HistoryAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT group_concat("MigrationId", ',') FROM (SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId")""";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed record PlayerResponse(string Id, string LastName, int SquadNumber);
}
