using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using Players.Api.Database;
using Players.Api.Infrastructure;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Api;

/// <summary>
/// A database fault answered for what it is, on real databases of each engine: 503 when the database cannot serve
/// now or its schema is behind this build, 500 for any other fault, logged at Error with the trace id it answers.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class DatabaseFaultTests
{
    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task An_unreachable_database_answers_503(DatabaseEngine engine)
    {
        var settings = engine == DatabaseEngine.Sqlite
            ? new Dictionary<string, string?> { [DatabaseSelection.DatabaseUrlKey] = $"sqlite:///{Path.Combine(Path.GetTempPath(), $"players-missing-{Guid.NewGuid():N}", "players.db")}" }
            : new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=players;Username=postgres;Timeout=1" };
        settings[DatabaseStartup.MigrateOnStartupKey] = "false";
        await using var api = new PlayersApiFactory(settings);
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/players/squadnumber/10");

        var problem = await response.ReadProblemAsync(503);
        Assert.Equal(DatabaseFaultHandler.UnavailableDetail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite, "ALTER TABLE players DROP COLUMN league")]
    [InlineData(DatabaseEngine.PostgreSql, "ALTER TABLE players DROP COLUMN league")]
    [InlineData(DatabaseEngine.Sqlite, "DROP TABLE players")]
    [InlineData(DatabaseEngine.PostgreSql, "DROP TABLE players")]
    public async Task A_schema_behind_this_build_answers_503_saying_so(DatabaseEngine engine, string change)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        await using var api = Started(database, new LogRecorder());
        using var client = api.CreateClient();
        // Enough lookups for Npgsql to prepare the statement, as a warm API has.
        for (var i = 0; i < 6; i++)
        {
            using var warm = await client.GetAsync("/players/squadnumber/10");
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        await database.ExecuteAsync(change);
        using var response = await client.GetAsync("/players/squadnumber/10");

        var problem = await response.ReadProblemAsync(503);
        Assert.Equal(DatabaseFaultHandler.SchemaBehindDetail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite, "CREATE TRIGGER refuse BEFORE INSERT ON players BEGIN SELECT RAISE(ABORT, 'no new players today'); END")]
    [InlineData(
        DatabaseEngine.PostgreSql,
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no new players today' USING ERRCODE = 'P0001'; END $$; "
        + "CREATE TRIGGER refuse BEFORE INSERT ON players FOR EACH ROW EXECUTE FUNCTION refuse()")]
    public async Task A_fault_the_database_raises_answers_500_with_a_trace_id_logged_at_error_and_no_sql(DatabaseEngine engine, string trigger)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var logs = new LogRecorder();
        await using var api = Started(database, logs);
        using var client = api.CreateClient();
        using (var warm = await client.GetAsync("/players/squadnumber/10"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        await database.ExecuteAsync(trigger);
        using var response = await client.PostJsonAsync("/players/", PlayerBodies.Valid(99).Json());

        var problem = await response.ReadProblemAsync(500);
        var body = problem.ToString();
        foreach (var secret in new[] { "no new players today", "INSERT", "players", "P0001", "SQLite", "trigger" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }

        var traceId = problem.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        var logged = Assert.Single(logs.Lines, line => line.Category == typeof(DatabaseFaultHandler).FullName);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(traceId, logged.Message, StringComparison.Ordinal);
        Assert.Contains("no new players today", logged.Exception?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exhausted_PostgreSQL_pool_is_unavailable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var connectionString = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString) { MaxPoolSize = 1, Timeout = 1 }.ConnectionString;
        await using var held = new NpgsqlConnection(connectionString);
        await held.OpenAsync();
        await using var second = new NpgsqlConnection(connectionString);

        var exhausted = await Assert.ThrowsAnyAsync<Exception>(() => second.OpenAsync());

        Assert.Contains("pool", exhausted.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DatabaseFault.Unavailable, DatabaseFaults.Classify(exhausted));
    }

    [Fact]
    public async Task A_SQLite_file_another_connection_keeps_locked_is_unavailable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        var connectionString = new SqliteConnectionStringBuilder(database.Target.ConnectionString) { DefaultTimeout = 1, Pooling = false }.ConnectionString;
        await using var holder = new SqliteConnection(connectionString);
        await holder.OpenAsync();
        await using var writing = holder.BeginTransaction(deferred: false);
        await using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            await create.ExecuteNonQueryAsync();
        }

        await using var other = new SqliteConnection(connectionString);
        await other.OpenAsync();
        await using var insert = other.CreateCommand();
        insert.CommandText = "CREATE TABLE u (x INTEGER)";

        var busy = await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(DatabaseFault.Unavailable, DatabaseFaults.Classify(busy));
    }

    // The API migrated at start-up, with a recorder of its log lines.
    private static WebApplicationFactory<Program> Started(TestDatabase database, LogRecorder logs) =>
        new PlayersApiFactory(InProcessApi.DatabaseSettings(database))
            .WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
}
