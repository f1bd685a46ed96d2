using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Players.Api.Players;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Security;

namespace Players.Tests.Changes;

/// <summary>API processes (<c>dotnet Players.Api.dll</c>) sharing one database, as replicas do, and what they serve.</summary>
internal static class ApiReplicas
{
    /// <summary>How long a change may take to reach another process's list.</summary>
    public static readonly TimeSpan NotificationBound = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Starts <paramref name="count"/> API processes on an already migrated database, told not to migrate as the
    /// AppHost tells them: PostgreSQL as under Aspire (<c>ConnectionStrings__playersdb</c>), SQLite through <c>DATABASE_URL</c>.
    /// </summary>
    public static async Task<ApiProcess[]> StartAsync(TestDatabase database, int count)
    {
        var environment = database.Engine == DatabaseEngine.PostgreSql
            ? new Dictionary<string, string> { [$"ConnectionStrings__{DatabaseSelection.ConnectionName}"] = database.Target.ConnectionString }
            : new Dictionary<string, string> { [DatabaseSelection.DatabaseUrlKey] = database.Url };
        environment["Players__MigrateOnStartup"] = "false";
        var starts = Enumerable.Range(0, count).Select(_ => ApiProcess.StartAsync(environment)).ToList();
        try
        {
            return await Task.WhenAll(starts);
        }
        catch
        {
            // One replica that did not come up must not leave the others running after the test.
            foreach (var started in starts.Where(start => start.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    public static HttpClient Client(this ApiProcess api) => new() { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary><c>GET /players/</c>: the players and the X-Cache header.</summary>
    public static async Task<(List<PlayerResponse> Players, string Cache)> ListAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/players/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var players = await response.Content.ReadFromJsonAsync<List<PlayerResponse>>() ?? [];
        return (players, Assert.Single(response.Headers.GetValues("X-Cache")));
    }

    /// <summary>Reads the list until <paramref name="shows"/> holds, and returns how long that took; fails past the bound.</summary>
    public static async Task<TimeSpan> TimeUntilListAsync(this HttpClient client, Func<List<PlayerResponse>, bool> shows, string what)
    {
        var elapsed = Stopwatch.StartNew();
        // Generous on a loaded machine, so that a miss says how late it was instead of only that it was late.
        while (elapsed.Elapsed < NotificationBound * 10)
        {
            if (shows((await client.ListAsync()).Players))
            {
                return elapsed.Elapsed;
            }

            await Task.Delay(5);
        }

        Assert.Fail($"{client.BaseAddress} never served a list where {what} within {NotificationBound * 10}.");
        return elapsed.Elapsed;
    }

    /// <summary>The table read straight from the database, as the API writes each player.</summary>
    public static async Task<List<PlayerResponse>> TableAsync(this TestDatabase database)
    {
        await using var db = database.CreateContext();
        var players = await db.Players.AsNoTracking().OrderBy(p => p.SquadNumber).ToListAsync();
        return players.ConvertAll(PlayerResponse.From);
    }

    public static void AssertWithinBound(TimeSpan latency, string what) =>
        Assert.True(latency <= NotificationBound, $"{what} took {latency.TotalMilliseconds:0} ms, more than {NotificationBound.TotalMilliseconds:0} ms.");
}
