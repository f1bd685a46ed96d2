using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Players.Api.Database;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;

namespace Players.Tests.Reliability;

[Trait("Tier", "Fast")]
public sealed class CommandTimeoutTests
{
    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task The_api_context_has_the_15_second_command_timeout_of_the_design_by_default(DatabaseEngine engine)
    {
        await using var app = await InProcessApi.StartAsync(engine);

        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayersDbContext>();

        Assert.Equal(15, db.Database.GetCommandTimeout());
    }

    [Fact]
    public async Task A_read_blocked_past_the_configured_command_timeout_answers_503_instead_of_hanging()
    {
        await using var app = await InProcessApi.StartAsync(DatabaseEngine.PostgreSql, new Dictionary<string, string?>
        {
            [PlayersDatabaseRegistration.CommandTimeoutKey] = "1",
        });
        using (var warm = await app.Client.GetAsync("/players/squadnumber/10"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        await using var holder = new NpgsqlConnection(app.Database.Target.ConnectionString + ";Pooling=false");
        await holder.OpenAsync();
        await using (var transaction = await holder.BeginTransactionAsync())
        {
            await using (var take = new NpgsqlCommand("LOCK TABLE players IN ACCESS EXCLUSIVE MODE", holder, transaction))
            {
                await take.ExecuteNonQueryAsync();
            }

            var elapsed = Stopwatch.StartNew();
            using var blocked = await app.Client.GetAsync("/players/squadnumber/10");

            await blocked.ReadProblemAsync(503);
            Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        }

        using var released = await app.Client.GetAsync("/players/squadnumber/10");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
    }
}
