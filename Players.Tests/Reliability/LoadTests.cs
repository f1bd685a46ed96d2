using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Players.Data;
using Players.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Players.Tests.Reliability;

[Trait("Tier", "Fast")]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Clients = 64;
    private const int Requests = 10_000;
    private const int NumbersPerClient = 4;
    private const int FirstNumber = 100;

    [Fact]
    public async Task Ten_thousand_mixed_requests_from_64_clients_on_postgres_get_no_5xx_and_the_table_equals_the_model_of_what_succeeded()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await using var api = await InProcessApi.StartAsync(new InProcessApiOptions { Kestrel = true, Settings = InProcessApi.DatabaseSettings(database) });
        using var http = api.CreateClient(Clients, TimeSpan.FromSeconds(30));
        var clients = Enumerable.Range(0, Clients)
            .Select(c => new LoadClient(c, http, new SquadModel(Enumerable.Range(FirstNumber + c * NumbersPerClient, NumbersPerClient))))
            .ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var elapsed = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, c) => client.RunAsync(Requests / Clients + (c < Requests % Clients ? 1 : 0), deadline.Token)))
            .WaitAsync(deadline.Token);
        elapsed.Stop();

        output.WriteLine($"{Requests} requests from {Clients} clients over {api.Address} in {elapsed.Elapsed.TotalSeconds:0.0} s: " +
                         $"{Requests / elapsed.Elapsed.TotalSeconds:0} requests/s");
        Assert.Equal(0, clients.Sum(c => c.ServerErrors));
        Assert.Empty(clients.SelectMany(c => c.Surprises).Take(20));

        var expected = clients.SelectMany(c => c.Model.Players).OrderBy(p => p.SquadNumber).ToList();
        await using var db = database.CreateContext();
        var created = await db.Players.AsNoTracking().Where(p => p.SquadNumber >= FirstNumber).OrderBy(p => p.SquadNumber)
            .Select(p => new { p.SquadNumber, p.FirstName }).ToListAsync();
        Assert.Equal(expected, created.Select(p => (p.SquadNumber, p.FirstName)));
        Assert.Equal(SeedPlayers.All.Select(p => (p.SquadNumber, p.FirstName)).Order(),
            (await db.Players.AsNoTracking().Where(p => p.SquadNumber < FirstNumber).Select(p => new { p.SquadNumber, p.FirstName }).ToListAsync())
                .Select(p => (p.SquadNumber, p.FirstName)).Order());
        output.WriteLine($"Final table: 25 seeded players and {expected.Count} created by the load, as the model says.");
    }
}
