using System.Diagnostics;
using System.Net;
using Npgsql;
using Players.Data;
using Players.Tests.Deployment;
using Players.Tests.Infrastructure;
using Players.Tests.Security;
using Players.Tests.Telemetry;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Reliability;

/// <summary>
/// SIGTERM (a platform scaling in or rolling out) and SIGINT (Ctrl+C) against the built executables: the API drains and
/// exits 0, the worker exits with its run's code, each within the host's shutdown timeout and with its last spans and
/// logs exported first.
/// </summary>
[Trait("Tier", "Process")]
public sealed class CleanStopTests(ITestOutputHelper output)
{
    /// <summary>The host's default <c>HostOptions.ShutdownTimeout</c>, which neither executable changes.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigterm_lets_the_api_finish_the_request_in_flight_export_its_telemetry_and_exit_0()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await using var receiver = new OtlpReceiver();
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(receiver.ExporterEnvironment)
        {
            ["ConnectionStrings__playersdb"] = database.Target.ConnectionString,
        });
        using var http = new HttpClient { BaseAddress = api.Address, Timeout = Bound };

        // A reader held up by a table lock is still in flight when the signal arrives.
        await using var holder = await LockPlayersAsync(database);
        var inFlight = http.GetAsync("/players/squadnumber/10");
        await WaitForALockWaitAsync(database);
        var elapsed = Stopwatch.StartNew();
        var stopping = api.StopAsync("TERM", Bound);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(stopping.IsCompleted, $"The API exited before the request in flight was answered:\n{api.Console}");
        await holder.DisposeAsync();

        using var answer = await inFlight;
        var exitCode = await stopping;

        output.WriteLine($"Exited {exitCode} {elapsed.Elapsed.TotalSeconds:0.00} s after SIGTERM, 1 s of it waiting for the request in flight.");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(exitCode == 0, $"exit {exitCode}:\n{api.Console}");
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, ShutdownTimeout);
        Assert.Contains(receiver.Spans, span => span.Name.StartsWith("GET /players/squadnumber", StringComparison.Ordinal));
        Assert.Contains(receiver.Logs, log => log.Body.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_c_stops_the_api_on_sqlite_with_0()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await using var receiver = new OtlpReceiver();
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>(receiver.ExporterEnvironment)
        {
            [DatabaseSelection.DatabaseUrlKey] = database.Url,
        });
        using var http = new HttpClient { BaseAddress = api.Address };
        using var list = await http.GetAsync("/players/");

        var elapsed = Stopwatch.StartNew();
        var exitCode = await api.StopAsync("INT", ShutdownTimeout);
        output.WriteLine($"Exited {exitCode} {elapsed.Elapsed.TotalSeconds:0.00} s after SIGINT.");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(exitCode == 0, $"exit {exitCode}:\n{api.Console}");
        Assert.Contains(receiver.Spans, span => span.Name == "GET /players/");
    }

    [Fact]
    public async Task Sigterm_during_a_run_ends_the_worker_with_1_its_migration_rolled_back_and_its_failure_exported()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        Assert.Equal(0, (await InProcessWorker.RunAsync(database.Url, "upgrade", "CreatePlayersTable")).ExitCode);
        await using var receiver = new OtlpReceiver();
        await using var holder = await LockPlayersAsync(database);
        using var worker = IdleWorker.Start(database.Url, receiver.ExporterEnvironment, "upgrade");
        await WaitForALockWaitAsync(database);

        var elapsed = Stopwatch.StartNew();
        var exitCode = await worker.StopAsync("TERM", Bound);
        output.WriteLine($"Exited {exitCode} {elapsed.Elapsed.TotalSeconds:0.00} s after SIGTERM mid-run.");

        Assert.True(exitCode == 1, $"exit {exitCode}:\n{worker.Console}");
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, ShutdownTimeout);
        await holder.DisposeAsync();
        Assert.Equal(0, await database.PlayerCountAsync());
        Assert.Equal([Worker.Migrations.CreatePlayersTable], await database.AppliedMigrationsAsync());
        Assert.Contains(receiver.Spans, span => span.Name == "Migrating database" && span.StatusCode == ExportedSpan.Error);
        Assert.Contains(receiver.Logs, log => log.IsErrorOrWorse);
    }

    [Theory]
    [InlineData("migrates", 0)]
    [InlineData("refuses an unknown target", 2)]
    [InlineData("refuses a drifted database", 3)]
    public async Task Sigterm_ends_an_idle_deployed_worker_with_the_code_of_the_run_it_idles_after(string run, int expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        string[] arguments = run == "refuses an unknown target" ? ["upgrade", "NoSuchMigration"] : [];
        if (run == "refuses a drifted database")
        {
            Assert.Equal(0, (await InProcessWorker.RunAsync(database.Url, "upgrade")).ExitCode);
            await database.ExecuteAsync($"""UPDATE "__MigrationChecksums" SET "Checksum" = 'v1:edited' WHERE "MigrationId" = '{Worker.Migrations.SeedSubstitutes}'""");
        }

        await using var receiver = new OtlpReceiver();
        using var worker = IdleWorker.Start(database.Url, receiver.ExporterEnvironment, arguments);
        await worker.WaitForConsoleAsync("idle until stopped", Bound);

        var elapsed = Stopwatch.StartNew();
        var exitCode = await worker.StopAsync("TERM", Bound);
        output.WriteLine($"Exited {exitCode} {elapsed.Elapsed.TotalSeconds:0.00} s after SIGTERM while idle.");

        Assert.True(exitCode == expected, $"exit {exitCode}, expected {expected}:\n{worker.Console}");
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, ShutdownTimeout);
        Assert.Contains(receiver.Logs, log => log.Body.Contains("idle until stopped", StringComparison.Ordinal));
    }

    /// <summary>Holds <c>players</c> in ACCESS EXCLUSIVE mode until disposed (which rolls the holding transaction back).</summary>
    private static async Task<NpgsqlConnection> LockPlayersAsync(TestDatabase database)
    {
        var holder = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await holder.OpenAsync();
        await using var take = new NpgsqlCommand("BEGIN; LOCK TABLE players IN ACCESS EXCLUSIVE MODE", holder);
        await take.ExecuteNonQueryAsync();
        return holder;
    }

    private static async Task WaitForALockWaitAsync(TestDatabase database)
    {
        await using var observer = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await observer.OpenAsync();
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            await using var probe = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
                observer);
            if ((long)(await probe.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            Assert.True(elapsed.Elapsed < Bound, $"Nothing waited on the lock within {Bound}.");
            await Task.Delay(50);
        }
    }
}
