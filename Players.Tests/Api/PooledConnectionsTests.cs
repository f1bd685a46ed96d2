using System.Net;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Players.Api.Database;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Security;

namespace Players.Tests.Api;

/// <summary>The API's pooled PostgreSQL connections: how many, and how they are shaped.</summary>
[Trait("Tier", "Process")]
public sealed class PooledConnectionsTests
{
    [Fact]
    public async Task The_api_holds_no_more_postgres_connections_than_its_pool_size_under_concurrent_reads()
    {
        await using var app = await InProcessApi.StartAsync(DatabaseEngine.PostgreSql, new Dictionary<string, string?>
        {
            [PooledPostgresConnections.MaxPoolSizeKey] = "3",
        });
        await using var watcher = new NpgsqlConnection(app.Database.Target.ConnectionString + ";Pooling=false");
        await watcher.OpenAsync();

        using var reading = new CancellationTokenSource();
        var most = 0;
        var reads = Enumerable.Range(0, 32).Select(async _ =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await app.Client.GetAsync("/players/squadnumber/10");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }).ToList();
        var all = Task.WhenAll(reads);
        while (!all.IsCompleted)
        {
            most = Math.Max(most, await CountPooledConnectionsAsync(watcher));
        }

        await all;
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public void Pooled_connections_default_to_16_skip_the_reset_and_prepare_the_apis_statements()
    {
        var shaped = new NpgsqlConnectionStringBuilder(
            PooledPostgresConnections.ConnectionString("Host=localhost;Database=players", Settings(null)));

        Assert.Equal(16, shaped.MaxPoolSize);
        Assert.True(shaped.NoResetOnClose);
        Assert.Equal(PooledPostgresConnections.MaxAutoPrepare, shaped.MaxAutoPrepare);
        Assert.True(shaped.MaxAutoPrepare >= 10, "every statement the API sends stays prepared");
    }

    [Fact]
    public void The_pool_size_setting_wins_over_the_connection_strings_own()
    {
        var shaped = new NpgsqlConnectionStringBuilder(
            PooledPostgresConnections.ConnectionString("Host=localhost;Database=players;Maximum Pool Size=50", Settings("8")));

        Assert.Equal(8, shaped.MaxPoolSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("sixteen")]
    [InlineData("1.5")]
    public async Task A_pool_size_that_is_not_a_whole_number_above_zero_stops_the_api_with_one_line_naming_the_setting(string size)
    {
        var (exitCode, console) = await ApiProcess.RunToExitAsync(new Dictionary<string, string>
        {
            [$"ConnectionStrings__{DatabaseSelection.ConnectionName}"] = "Host=127.0.0.1;Database=players",
            ["Players__Database__MaxPoolSize"] = size,
            ["Players__Api__Writes"] = "open",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"Invalid {PooledPostgresConnections.MaxPoolSizeKey} '{size}': write a whole number of connections greater than 0.",
            console.Trim());
    }

    private static IConfiguration Settings(string? maxPoolSize) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [PooledPostgresConnections.MaxPoolSizeKey] = maxPoolSize })
        .Build();

    /// <summary>
    /// The connections that served lookups (the start-up migration's own pool keeps one connection with its last
    /// statement, and the change listener has one of its own).
    /// </summary>
    private static async Task<int> CountPooledConnectionsAsync(NpgsqlConnection watcher)
    {
        await using var count = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%FROM players%'
            """,
            watcher);
        return Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
